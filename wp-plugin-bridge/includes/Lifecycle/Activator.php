<?php
/**
 * What happens when the plugin is activated.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Billing\NoticeInstaller;

defined( 'ABSPATH' ) || exit;

/**
 * Activation hook target.
 */
final class Activator {

	/**
	 * @param bool $network_wide Whether the plugin is being network-activated.
	 */
	public static function activate( $network_wide = false ): void {
		Sites::each( (bool) $network_wide, array( self::class, 'activate_site' ) );
		if ( ! is_multisite() ) {
			NoticeInstaller::remove();
		}
	}

	/**
	 * Activation for the current site of a network, or the only site.
	 */
	public static function activate_site(): void {
		NoticeInstaller::forget_for_current_site();
		Heartbeat::schedule();
		EventSender::record( EventSender::ACTIVATED );
	}
}
