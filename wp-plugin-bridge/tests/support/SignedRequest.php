<?php
/**
 * One request the receiver logged, with an independent check of the protocol's signature.
 */

namespace DropshipConnect\Tests;

final class SignedRequest {

	public string $method;
	public string $path;
	public string $body;
	/** @var array<string,string> lower-case names */
	public array $headers;

	/**
	 * @param array<string,mixed> $logged
	 */
	public function __construct( array $logged ) {
		$this->method  = (string) $logged['method'];
		$this->path    = (string) $logged['path'];
		$this->body    = (string) $logged['body'];
		$this->headers = (array) $logged['headers'];
	}

	public function header( string $name ): string {
		return (string) ( $this->headers[ strtolower( $name ) ] ?? '' );
	}

	/**
	 * @return array<string,mixed>
	 */
	public function json(): array {
		return (array) json_decode( $this->body, true );
	}

	/**
	 * Recomputes the signature from the wire data, written from the protocol page rather
	 * than from the plugin's Signer: openssl for the body digest, a manual HMAC.
	 */
	public function signature_is_valid( string $secret ): bool {
		$canonical = $this->method . "\n"
			. $this->path . "\n"
			. $this->header( 'X-Dropship-Timestamp' ) . "\n"
			. $this->header( 'X-Dropship-Event-Id' ) . "\n"
			. bin2hex( openssl_digest( $this->body, 'sha256', true ) );
		$expected  = 'v1=' . base64_encode( self::hmac_sha256( $secret, $canonical ) );
		return hash_equals( $expected, $this->header( 'X-Dropship-Signature' ) );
	}

	/** RFC 2104 HMAC over SHA-256, block size 64. */
	private static function hmac_sha256( string $key, string $message ): string {
		if ( strlen( $key ) > 64 ) {
			$key = openssl_digest( $key, 'sha256', true );
		}
		$key = str_pad( $key, 64, "\0" );
		$inner = openssl_digest( ( $key ^ str_repeat( "\x36", 64 ) ) . $message, 'sha256', true );
		return openssl_digest( ( $key ^ str_repeat( "\x5c", 64 ) ) . $inner, 'sha256', true );
	}
}
