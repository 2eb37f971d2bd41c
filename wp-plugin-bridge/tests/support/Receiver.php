<?php
/**
 * Test-side view of the platform stand-in (support/receiver.php).
 */

namespace DropshipConnect\Tests;

final class Receiver {

	public static function url(): string {
		return rtrim( (string) getenv( 'DROPSHIP_TEST_RECEIVER_URL' ), '/' );
	}

	private static function dir(): string {
		return (string) getenv( 'DROPSHIP_RECEIVER_DIR' );
	}

	public static function reset(): void {
		file_put_contents( self::dir() . '/requests.jsonl', '' );
		@unlink( self::dir() . '/responses.json' );
	}

	/**
	 * Answer every request to $path with this status and body until reset.
	 *
	 * @param array<string,mixed> $body
	 */
	public static function respond( string $path, int $status, array $body = array() ): void {
		$file      = self::dir() . '/responses.json';
		$overrides = is_readable( $file ) ? (array) json_decode( (string) file_get_contents( $file ), true ) : array();
		$overrides[ $path ] = array( 'status' => $status, 'body' => (object) $body );
		file_put_contents( $file, json_encode( $overrides ) );
	}

	public static function restore( string $path ): void {
		$file      = self::dir() . '/responses.json';
		$overrides = is_readable( $file ) ? (array) json_decode( (string) file_get_contents( $file ), true ) : array();
		unset( $overrides[ $path ] );
		file_put_contents( $file, json_encode( (object) $overrides ) );
	}

	/**
	 * @return list<SignedRequest>
	 */
	public static function requests( ?string $path = null ): array {
		$lines    = file( self::dir() . '/requests.jsonl', FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) ?: array();
		$requests = array();
		foreach ( $lines as $line ) {
			$request = new SignedRequest( (array) json_decode( $line, true ) );
			if ( null === $path || $request->path === $path ) {
				$requests[] = $request;
			}
		}
		return $requests;
	}
}
