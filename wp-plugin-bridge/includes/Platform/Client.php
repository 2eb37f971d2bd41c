<?php
/**
 * HTTP client for the platform's bridge API.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Platform;

use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Blocking JSON requests with a short timeout; never throws, always returns a Response.
 */
final class Client {

	public const TIMEOUT = 5;

	/**
	 * @param string $base_url    Platform base URL without trailing slash.
	 * @param string $site_id     Site id given at connection ('' for unsigned calls).
	 * @param string $site_secret Site secret given at connection ('' for unsigned calls).
	 */
	public function __construct(
		private string $base_url,
		private string $site_id = '',
		private string $site_secret = ''
	) {}

	/** A client for the configured platform and the stored credentials. */
	public static function from_options(): self {
		return new self( Options::platform_url(), Options::site_id(), Options::site_secret() );
	}

	/**
	 * Unsigned JSON POST, for the connection endpoints.
	 *
	 * @param array<string,mixed> $payload
	 */
	public function post_unsigned( string $path, array $payload ): Response {
		return $this->send( 'POST', $path, (string) wp_json_encode( $payload ), false );
	}

	/**
	 * Signed JSON POST.
	 *
	 * @param array<string,mixed> $payload
	 */
	public function post_signed( string $path, array $payload ): Response {
		return $this->send( 'POST', $path, (string) wp_json_encode( $payload ), true );
	}

	/** Signed GET with an empty body. */
	public function get_signed( string $path ): Response {
		return $this->send( 'GET', $path, '', true );
	}

	private function send( string $method, string $path, string $body, bool $signed ): Response {
		if ( '' === $this->base_url ) {
			return new Response( 0, array(), __( 'No platform URL is configured.', 'dropship-connect' ) );
		}
		if ( $signed && ( '' === $this->site_id || '' === $this->site_secret ) ) {
			return new Response( 0, array(), __( 'This site is not connected to the platform yet.', 'dropship-connect' ) );
		}
		$headers = array(
			'Accept'     => 'application/json',
			'User-Agent' => 'DropshipConnect/' . ( defined( 'DROPSHIP_CONNECT_VERSION' ) ? DROPSHIP_CONNECT_VERSION : 'unknown' ) . '; ' . home_url( '/' ),
		);
		if ( 'GET' !== $method ) {
			$headers['Content-Type'] = 'application/json; charset=utf-8';
		}
		if ( $signed ) {
			$full_path = (string) wp_parse_url( $this->base_url . $path, PHP_URL_PATH );
			$headers  += Signer::headers( $this->site_id, $this->site_secret, $method, $full_path, $body, time(), wp_generate_uuid4() );
		}
		// wp_remote_request, not wp_safe_remote_request: the URL is set by an administrator and
		// may be a platform on a private network; safe requests refuse those and non-standard ports.
		$result = wp_remote_request(
			$this->base_url . $path,
			array(
				'method'      => $method,
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
				'blocking'    => true,
				'headers'     => $headers,
				'body'        => 'GET' === $method ? null : $body,
			)
		);
		if ( is_wp_error( $result ) ) {
			return new Response( 0, array(), $result->get_error_message() );
		}
		$decoded = json_decode( (string) wp_remote_retrieve_body( $result ), true );
		return new Response( (int) wp_remote_retrieve_response_code( $result ), is_array( $decoded ) ? $decoded : array() );
	}
}
