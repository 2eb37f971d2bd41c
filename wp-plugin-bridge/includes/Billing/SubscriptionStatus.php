<?php
/**
 * The platform subscription as the platform reports it (GET /bridge/v1/subscription).
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Billing;

use DropshipConnect\Options;
use DropshipConnect\Platform\Client;
use DropshipConnect\Sanitize;

defined( 'ABSPATH' ) || exit;

/**
 * Cached briefly in a transient; the last good answer is also kept as a snapshot option
 * so the deactivation dialog and the post-deactivation notice can name a date even
 * when the platform cannot be reached at that moment.
 */
final class SubscriptionStatus {

	public const PATH      = '/bridge/v1/subscription';
	public const CACHE_TTL = 10 * MINUTE_IN_SECONDS;
	/** A failed fetch is remembered this long, so an outage does not slow down every screen. */
	public const FAILURE_TTL = 2 * MINUTE_IN_SECONDS;

	/**
	 * The subscription, from cache or the platform; null when unknown.
	 *
	 * @return array<string,mixed>|null
	 */
	public static function get( bool $refresh = false ): ?array {
		if ( ! Options::is_connected() ) {
			return null;
		}
		$cached = $refresh ? false : get_transient( Options::T_SUBSCRIPTION );
		if ( is_array( $cached ) ) {
			return isset( $cached['error'] ) ? self::snapshot() : $cached;
		}
		$response = Client::from_options()->get_signed( self::PATH );
		if ( ! $response->ok() ) {
			set_transient( Options::T_SUBSCRIPTION, array( 'error' => $response->describe() ), self::FAILURE_TTL );
			return self::snapshot();
		}
		return self::remember( $response->body );
	}

	/**
	 * Keep the `subscription` object a lifecycle event answer carries.
	 *
	 * @param array<string,mixed> $event_answer
	 */
	public static function remember_from_event_answer( array $event_answer ): void {
		if ( isset( $event_answer['subscription'] ) && is_array( $event_answer['subscription'] ) ) {
			$subscription = $event_answer['subscription'];
			if ( ! isset( $subscription['store_state'] ) && isset( $event_answer['store_state'] ) ) {
				$subscription['store_state'] = $event_answer['store_state'];
			}
			self::remember( $subscription );
		}
	}

	/**
	 * The last subscription the platform reported, or null.
	 *
	 * @return array<string,mixed>|null
	 */
	public static function snapshot(): ?array {
		$snapshot = get_option( Options::BILLING_SNAPSHOT, null );
		return is_array( $snapshot ) ? $snapshot : null;
	}

	/**
	 * True unless the platform said the site is no longer billed: not knowing counts as billed.
	 */
	public static function may_still_be_billed(): bool {
		$snapshot = self::snapshot();
		return null === $snapshot || false !== $snapshot['still_billed'];
	}

	/**
	 * Keep only the documented fields, as plain text.
	 *
	 * @param array<string,mixed> $raw
	 * @return array{status:string,plan:string,price:string,next_charge_at:?int,billing_ends_at:?int,still_billed:?bool,store_state:string,fetched_at:int}
	 */
	public static function sanitize( array $raw ): array {
		$text = static fn ( string $key ): string => isset( $raw[ $key ] ) && is_scalar( $raw[ $key ] ) ? sanitize_text_field( (string) $raw[ $key ] ) : '';
		return array(
			'status'          => $text( 'status' ),
			'plan'            => $text( 'plan' ),
			'price'           => $text( 'price' ),
			'next_charge_at'  => Sanitize::iso_time( $raw['next_charge_at'] ?? null ),
			'billing_ends_at' => Sanitize::iso_time( $raw['billing_ends_at'] ?? null ),
			'still_billed'    => isset( $raw['still_billed'] ) && is_bool( $raw['still_billed'] ) ? $raw['still_billed'] : null,
			'store_state'     => $text( 'store_state' ),
			'fetched_at'      => time(),
		);
	}

	/**
	 * A date for people, in the site's format; '' for null.
	 */
	public static function format_date( ?int $timestamp ): string {
		return null === $timestamp ? '' : (string) wp_date( (string) get_option( 'date_format', 'Y-m-d' ), $timestamp );
	}

	/**
	 * @param array<string,mixed> $raw
	 * @return array<string,mixed>
	 */
	private static function remember( array $raw ): array {
		$subscription = self::sanitize( $raw );
		set_transient( Options::T_SUBSCRIPTION, $subscription, self::CACHE_TTL );
		update_option( Options::BILLING_SNAPSHOT, $subscription, false );
		return $subscription;
	}
}
