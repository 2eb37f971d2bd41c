<?php
/**
 * The outcome of one call to the platform.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Platform;

defined( 'ABSPATH' ) || exit;

/**
 * Status 0 means no HTTP answer at all (network error, timeout, no platform URL).
 */
final class Response {

	/**
	 * @param int                 $status HTTP status, 0 without an answer.
	 * @param array<string,mixed> $body   Decoded JSON object, [] when absent or not JSON.
	 * @param string              $error  What went wrong, '' on success.
	 */
	public function __construct(
		public readonly int $status,
		public readonly array $body,
		public readonly string $error = ''
	) {}

	public function ok(): bool {
		return $this->status >= 200 && $this->status < 300;
	}

	/**
	 * A failure that will fail again the same way: the request itself is refused.
	 * 401 is not one: a skewed clock or a replay guard hit is worth another signed try.
	 */
	public function is_permanent_failure(): bool {
		return in_array( $this->status, array( 400, 404, 409, 410, 413, 422 ), true );
	}

	/** A string field of the body, '' when missing. */
	public function field( string $name ): string {
		$value = $this->body[ $name ] ?? '';
		return is_scalar( $value ) ? (string) $value : '';
	}

	/** Human-readable summary for the admin screen and the outbox. */
	public function describe(): string {
		if ( '' !== $this->error ) {
			return $this->error;
		}
		$detail = $this->field( 'error' );
		if ( '' === $detail ) {
			$detail = $this->field( 'message' );
		}
		return '' === $detail ? 'HTTP ' . $this->status : 'HTTP ' . $this->status . ': ' . $detail;
	}
}
