<?php
/**
 * Input sanitising shared by the admin screens and the platform client.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect;

defined( 'ABSPATH' ) || exit;

/**
 * Pure functions over untrusted input.
 */
final class Sanitize {

	public const REASON_MAX_LENGTH = 1000;
	public const CODE_MAX_LENGTH   = 64;

	/**
	 * An http(s) URL without query, fragment or trailing slash; '' when the input is not one.
	 */
	public static function platform_url( string $raw ): string {
		$raw = trim( $raw );
		// esc_url_raw() would turn "platform" into "http://platform": demand an explicit scheme.
		if ( 1 !== preg_match( '#^https?://#i', $raw ) ) {
			return '';
		}
		$url = esc_url_raw( $raw, array( 'http', 'https' ) );
		if ( '' === $url ) {
			return '';
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || empty( $parts['scheme'] ) || 1 !== preg_match( '/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/i', $parts['host'] ) ) {
			return '';
		}
		$clean = strtolower( $parts['scheme'] ) . '://' . strtolower( $parts['host'] );
		if ( isset( $parts['port'] ) ) {
			$clean .= ':' . (int) $parts['port'];
		}
		if ( isset( $parts['path'] ) ) {
			$clean .= rtrim( $parts['path'], '/' );
		}
		return $clean;
	}

	/**
	 * A connection code: letters, digits and dashes only, upper-cased.
	 */
	public static function connection_code( string $raw ): string {
		$code = strtoupper( preg_replace( '/[^A-Za-z0-9-]/', '', $raw ) ?? '' );
		return substr( $code, 0, self::CODE_MAX_LENGTH );
	}

	/**
	 * A deactivation reason: plain text, tags removed, length capped.
	 */
	public static function reason( string $raw ): string {
		$reason = sanitize_textarea_field( $raw );
		if ( function_exists( 'mb_substr' ) ) {
			return mb_substr( $reason, 0, self::REASON_MAX_LENGTH );
		}
		return substr( $reason, 0, self::REASON_MAX_LENGTH );
	}

	/**
	 * An ISO 8601 time from the platform as a Unix timestamp, or null.
	 */
	public static function iso_time( $raw ): ?int {
		if ( ! is_string( $raw ) || '' === $raw ) {
			return null;
		}
		$time = strtotime( $raw );
		return false === $time ? null : $time;
	}
}
