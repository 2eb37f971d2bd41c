<?php
/**
 * Request signing of docs/bridge-protocol.md ("Signed requests").
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Platform;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the canonical string and the X-Dropship-* headers.
 */
final class Signer {

	public const PREFIX = 'v1=';

	/**
	 * The five-line canonical string: METHOD, PATH, TIMESTAMP, EVENT_ID, hex SHA-256 of the body.
	 */
	public static function canonical_string( string $method, string $path, int $timestamp, string $event_id, string $body ): string {
		return implode(
			"\n",
			array(
				strtoupper( $method ),
				self::path_only( $path ),
				(string) $timestamp,
				$event_id,
				hash( 'sha256', $body ),
			)
		);
	}

	/**
	 * The X-Dropship-Signature value for a canonical string.
	 */
	public static function signature( string $secret, string $canonical ): string {
		return self::PREFIX . base64_encode( hash_hmac( 'sha256', $canonical, $secret, true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the protocol's encoding.
	}

	/**
	 * All four signed-request headers.
	 *
	 * @return array<string,string>
	 */
	public static function headers( string $site_id, string $secret, string $method, string $path, string $body, int $timestamp, string $event_id ): array {
		return array(
			'X-Dropship-Site'      => $site_id,
			'X-Dropship-Timestamp' => (string) $timestamp,
			'X-Dropship-Event-Id'  => $event_id,
			'X-Dropship-Signature' => self::signature( $secret, self::canonical_string( $method, $path, $timestamp, $event_id, $body ) ),
		);
	}

	private static function path_only( string $path ): string {
		$query = strpos( $path, '?' );
		return false === $query ? $path : substr( $path, 0, $query );
	}
}
