<?php
/**
 * What happens when the plugin is deactivated.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Billing\NoticeInstaller;
use DropshipConnect\Billing\SubscriptionStatus;
use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Deactivation hook target. Never throws: a failure to reach the platform leaves the
 * event in the outbox and WordPress carries on deactivating.
 */
final class Deactivator {

	/**
	 * @param bool $network_deactivating Whether the plugin is being network-deactivated.
	 */
	public static function deactivate( $network_deactivating = false ): void {
		$reason = self::take_reason();
		Sites::each(
			(bool) $network_deactivating,
			static function () use ( $reason ): void {
				self::deactivate_site( $reason );
			}
		);
	}

	/**
	 * Deactivation of the current site.
	 */
	public static function deactivate_site( string $reason = '' ): void {
		$connected = Options::is_connected();
		EventSender::record( EventSender::DEACTIVATED, $reason );
		Heartbeat::unschedule();
		delete_transient( Options::T_SUBSCRIPTION );
		if ( $connected && SubscriptionStatus::may_still_be_billed() ) {
			NoticeInstaller::install_for_current_site();
		}
	}

	/**
	 * The reason typed into the deactivation dialog by the current user, if any.
	 */
	private static function take_reason(): string {
		$key    = Options::T_REASON . get_current_user_id();
		$reason = get_transient( $key );
		delete_transient( $key );
		return is_string( $reason ) ? $reason : '';
	}
}
