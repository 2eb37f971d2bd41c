<?php
/**
 * The queue of lifecycle events not yet accepted by the platform.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Entries live in the `dropship_connect_outbox` option, oldest first. Each keeps the
 * payload (and so the occurrence_id) it was created with, so every retry re-sends the
 * same occurrence under a new event id and signature.
 */
final class Outbox {

	/** Oldest entries are dropped past this many: a site that never reaches the platform must not grow the option forever. */
	public const MAX_ENTRIES = 50;

	/**
	 * @return list<array{occurrence_id:string,type:string,payload:array<string,mixed>,attempts:int,last_error:string,queued_at:string}>
	 */
	public static function entries(): array {
		$entries = get_option( Options::OUTBOX, array() );
		return is_array( $entries ) ? array_values( array_filter( $entries, array( self::class, 'is_entry' ) ) ) : array();
	}

	/**
	 * Append an event payload; it must carry `type` and `occurrence_id`.
	 *
	 * @param array<string,mixed> $payload
	 */
	public static function push( array $payload ): void {
		$entries   = self::entries();
		$entries[] = array(
			'occurrence_id' => (string) $payload['occurrence_id'],
			'type'          => (string) $payload['type'],
			'payload'       => $payload,
			'attempts'      => 0,
			'last_error'    => '',
			'queued_at'     => gmdate( 'Y-m-d\TH:i:s\Z' ),
		);
		if ( count( $entries ) > self::MAX_ENTRIES ) {
			$entries = array_slice( $entries, -self::MAX_ENTRIES );
		}
		self::save( $entries );
	}

	public static function remove( string $occurrence_id ): void {
		self::save(
			array_filter(
				self::entries(),
				static fn ( array $entry ): bool => $entry['occurrence_id'] !== $occurrence_id
			)
		);
	}

	public static function record_failure( string $occurrence_id, string $error ): void {
		$entries = self::entries();
		foreach ( $entries as &$entry ) {
			if ( $entry['occurrence_id'] === $occurrence_id ) {
				++$entry['attempts'];
				$entry['last_error'] = $error;
			}
		}
		unset( $entry );
		self::save( $entries );
	}

	public static function is_empty(): bool {
		return array() === self::entries();
	}

	/**
	 * @param array<int,array<string,mixed>> $entries
	 */
	private static function save( array $entries ): void {
		if ( array() === $entries ) {
			delete_option( Options::OUTBOX );
			return;
		}
		update_option( Options::OUTBOX, array_values( $entries ), false );
	}

	/**
	 * @param mixed $entry
	 */
	private static function is_entry( $entry ): bool {
		return is_array( $entry )
			&& isset( $entry['occurrence_id'], $entry['type'], $entry['payload'], $entry['attempts'], $entry['last_error'], $entry['queued_at'] )
			&& is_string( $entry['occurrence_id'] )
			&& is_array( $entry['payload'] );
	}
}
