<?php
/**
 * Installs and removes the must-use plugin that keeps the "still billed" notice visible
 * once this plugin is deactivated and its own code no longer runs.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Billing;

use DropshipConnect\Environment;
use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * The notice's data is a per-site option; the file is shared by a whole network.
 */
final class NoticeInstaller {

	public const FILENAME = 'dropship-connect-billing-notice.php';

	public static function target_path(): string {
		return WPMU_PLUGIN_DIR . '/' . self::FILENAME;
	}

	public static function source_path(): string {
		return Environment::plugin_dir() . '/mu-plugin/' . self::FILENAME;
	}

	/**
	 * Remember what to tell the owner and put the must-use file in place.
	 *
	 * @return bool Whether the file is in place (a read-only mu-plugins folder makes it false).
	 */
	public static function install_for_current_site(): bool {
		$subscription = SubscriptionStatus::snapshot() ?? array();
		update_option(
			Options::BILLING_NOTICE,
			array(
				'next_charge_at' => $subscription['next_charge_at'] ?? null,
				'price'          => $subscription['price'] ?? '',
				'plan'           => $subscription['plan'] ?? '',
				'plugin_dir'     => Environment::plugin_dir(),
				'plugin_file'    => Environment::plugin_basename(),
				'deactivated_at' => time(),
			),
			true
		);
		return self::copy_file();
	}

	public static function forget_for_current_site(): void {
		delete_option( Options::BILLING_NOTICE );
	}

	/** Delete the must-use file if present. */
	public static function remove(): void {
		$target = self::target_path();
		if ( file_exists( $target ) ) {
			wp_delete_file( $target );
		}
	}

	private static function copy_file(): bool {
		$target = self::target_path();
		if ( ! wp_mkdir_p( WPMU_PLUGIN_DIR ) || ! is_writable( WPMU_PLUGIN_DIR ) ) {
			return false;
		}
		// copy() rather than WP_Filesystem: this runs inside the deactivation request,
		// where asking for FTP credentials is impossible; a folder we cannot write is reported as false.
		return copy( self::source_path(), $target ) || file_exists( $target );
	}
}
