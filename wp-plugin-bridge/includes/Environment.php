<?php
/**
 * Facts about this WordPress site reported to the platform.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect;

defined( 'ABSPATH' ) || exit;

/**
 * The site fields shared by lifecycle events and heartbeats.
 */
final class Environment {

	/**
	 * @return array{site_url:string,plugin_version:string,wp_version:string,wc_version:?string}
	 */
	public static function site_fields(): array {
		return array(
			'site_url'       => home_url(),
			'plugin_version' => self::plugin_version(),
			'wp_version'     => (string) get_bloginfo( 'version' ),
			'wc_version'     => WooCommerce\Integration::version(),
		);
	}

	public static function plugin_version(): string {
		return defined( 'DROPSHIP_CONNECT_VERSION' ) ? (string) DROPSHIP_CONNECT_VERSION : self::version_from_header();
	}

	/** Now as ISO 8601 UTC, the protocol's time format. */
	public static function now_iso(): string {
		return gmdate( 'Y-m-d\TH:i:s\Z' );
	}

	/** The plugin's directory, known even when the main file is not loaded (uninstall, must-use notice). */
	public static function plugin_dir(): string {
		return dirname( __DIR__ );
	}

	/** The plugin's basename as WordPress records it in active_plugins. */
	public static function plugin_basename(): string {
		return basename( self::plugin_dir() ) . '/dropship-connect.php';
	}

	private static function version_from_header(): string {
		$data = get_file_data( self::plugin_dir() . '/dropship-connect.php', array( 'Version' => 'Version' ) );
		return (string) ( $data['Version'] ?? '' );
	}
}
