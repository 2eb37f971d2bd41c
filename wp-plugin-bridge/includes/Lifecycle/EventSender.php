<?php
/**
 * Sends lifecycle events (POST /bridge/v1/events) through the outbox.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Billing\SubscriptionStatus;
use DropshipConnect\Environment;
use DropshipConnect\Options;
use DropshipConnect\Platform\Client;
use DropshipConnect\Platform\Response;

defined( 'ABSPATH' ) || exit;

/**
 * Every event first goes into the outbox, then the outbox is flushed oldest first,
 * so a queued `deactivated` always reaches the platform before a later `activated`.
 */
final class EventSender {

	public const PATH = '/bridge/v1/events';

	public const ACTIVATED   = 'activated';
	public const DEACTIVATED = 'deactivated';
	public const DELETED     = 'deleted';

	/** Minutes between automatic retries after a failed delivery. */
	public const RETRY_DELAY = 15 * MINUTE_IN_SECONDS;

	/**
	 * Record one occurrence of a lifecycle event and try to deliver it now.
	 *
	 * Before the site is connected the platform knows nothing of it (it cannot even
	 * verify a signature), so the occurrence is only noted locally and not queued:
	 * the connection itself is what tells the platform the store is there.
	 *
	 * @return array{sent:bool,queued:bool,response:?Response}
	 */
	public static function record( string $type, string $reason = '' ): array {
		$payload = self::payload( $type, $reason );
		if ( ! Options::is_connected() ) {
			self::note_locally( $payload );
			return array( 'sent' => false, 'queued' => false, 'response' => null );
		}
		Outbox::push( $payload );
		$last = self::flush();
		$sent = ! self::is_queued( $payload['occurrence_id'] );
		return array( 'sent' => $sent, 'queued' => ! $sent, 'response' => $last[ $payload['occurrence_id'] ] ?? null );
	}

	/**
	 * Send one event once, outside the outbox: used by uninstall, which deletes the outbox.
	 */
	public static function send_once( string $type ): ?Response {
		$payload = self::payload( $type, '' );
		if ( ! Options::is_connected() ) {
			self::note_locally( $payload );
			return null;
		}
		return Client::from_options()->post_signed( self::PATH, $payload );
	}

	/**
	 * Deliver queued events oldest first; stop at the first retryable failure so order is kept.
	 *
	 * @return array<string,Response> Responses by occurrence id, for the entries attempted.
	 */
	public static function flush(): array {
		$responses = array();
		if ( ! Options::is_connected() ) {
			return $responses;
		}
		$client = Client::from_options();
		foreach ( Outbox::entries() as $entry ) {
			$response                             = $client->post_signed( self::PATH, $entry['payload'] );
			$responses[ $entry['occurrence_id'] ] = $response;
			if ( $response->ok() ) {
				Outbox::remove( $entry['occurrence_id'] );
				SubscriptionStatus::remember_from_event_answer( $response->body );
				continue;
			}
			if ( $response->is_permanent_failure() ) {
				Outbox::remove( $entry['occurrence_id'] );
				self::remember_error( $entry['type'], $response );
				continue;
			}
			Outbox::record_failure( $entry['occurrence_id'], $response->describe() );
			self::schedule_retry();
			break;
		}
		return $responses;
	}

	/**
	 * Flush on an admin page load, at most once per throttle window while deliveries fail,
	 * so a platform outage does not slow down every screen.
	 */
	public static function flush_on_admin_load(): void {
		if ( Outbox::is_empty() || false !== get_transient( Options::T_RETRY_THROTTLE ) ) {
			return;
		}
		set_transient( Options::T_RETRY_THROTTLE, 1, 5 * MINUTE_IN_SECONDS );
		self::flush();
		if ( Outbox::is_empty() ) {
			delete_transient( Options::T_RETRY_THROTTLE );
		}
	}

	/**
	 * @return array<string,mixed>
	 */
	public static function payload( string $type, string $reason ): array {
		$payload = array(
			'type'          => $type,
			'occurrence_id' => wp_generate_uuid4(),
			'occurred_at'   => gmdate( 'Y-m-d\TH:i:s\Z' ),
		) + Environment::site_fields();
		if ( '' !== $reason ) {
			$payload['reason'] = $reason;
		}
		return $payload;
	}

	private static function is_queued( string $occurrence_id ): bool {
		foreach ( Outbox::entries() as $entry ) {
			if ( $entry['occurrence_id'] === $occurrence_id ) {
				return true;
			}
		}
		return false;
	}

	private static function schedule_retry(): void {
		if ( false === wp_next_scheduled( Options::CRON_RETRY ) ) {
			wp_schedule_single_event( time() + self::RETRY_DELAY, Options::CRON_RETRY );
		}
	}

	private static function remember_error( string $type, Response $response ): void {
		update_option(
			Options::LAST_ERROR,
			array(
				'at'      => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'context' => $type,
				'message' => $response->describe(),
			),
			false
		);
	}

	/**
	 * @param array<string,mixed> $payload
	 */
	private static function note_locally( array $payload ): void {
		$log   = get_option( Options::LOCAL_LIFECYCLE, array() );
		$log   = is_array( $log ) ? $log : array();
		$log[] = array(
			'type'        => $payload['type'],
			'occurred_at' => $payload['occurred_at'],
			'sent'        => false,
		);
		update_option( Options::LOCAL_LIFECYCLE, array_slice( $log, -10 ), false );
	}
}
