<?php
/**
 * What happens when the plugin is deleted from wp-admin (uninstall.php).
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Billing\NoticeInstaller;
use DropshipConnect\Options;
use DropshipConnect\WooCommerce\KeyRevoker;

defined( 'ABSPATH' ) || exit;

/**
 * Sends `deleted`, revokes what the connection created in WooCommerce, then removes
 * every option, transient and cron event of the plugin, on every site of a network.
 */
final class Uninstaller {

	public static function uninstall(): void {
		Sites::each( true, array( self::class, 'uninstall_site' ) );
		NoticeInstaller::remove();
	}

	public static function uninstall_site(): void {
		// Queued events (say, a `deactivated` the platform missed) go before `deleted`.
		EventSender::flush();
		EventSender::send_once( EventSender::DELETED );
		( new KeyRevoker() )->revoke( Options::platform_url() );
		self::delete_data();
	}

	/**
	 * Remove options, transients (including per-user ones) and cron events of the current site.
	 */
	public static function delete_data(): void {
		global $wpdb;
		foreach ( Options::all_options() as $option ) {
			delete_option( $option );
		}
		foreach ( Options::all_transient_prefixes() as $prefix ) {
			// Per-user transients have unknown suffixes: find them in the options table.
			$like  = $wpdb->esc_like( '_transient_' . $prefix ) . '%';
			$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			foreach ( $names as $name ) {
				delete_transient( substr( (string) $name, strlen( '_transient_' ) ) );
			}
			delete_transient( $prefix );
		}
		Heartbeat::unschedule();
	}
}
