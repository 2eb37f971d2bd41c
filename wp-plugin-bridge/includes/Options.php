<?php
/**
 * Names and accessors of everything the plugin stores in wp_options.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect;

defined( 'ABSPATH' ) || exit;

/**
 * One place for option, transient and cron names so uninstall can remove them all.
 */
final class Options {

	public const PLATFORM_URL      = 'dropship_connect_platform_url';
	public const SITE_ID           = 'dropship_connect_site_id';
	public const SITE_SECRET       = 'dropship_connect_site_secret';
	public const CONNECTED_AT      = 'dropship_connect_connected_at';
	public const OUTBOX            = 'dropship_connect_outbox';
	public const BILLING_SNAPSHOT  = 'dropship_connect_billing_snapshot';
	public const BILLING_NOTICE    = 'dropship_connect_billing_notice';
	public const LAST_ERROR        = 'dropship_connect_last_error';
	public const LOCAL_LIFECYCLE   = 'dropship_connect_local_lifecycle';

	/** Transient names; per-user ones end with the user id. */
	public const T_SUBSCRIPTION    = 'dropship_connect_subscription';
	public const T_RETRY_THROTTLE  = 'dropship_connect_retry_throttle';
	public const T_PENDING_CONNECT = 'dropship_connect_pending_';
	public const T_FLASH           = 'dropship_connect_flash_';
	public const T_REASON          = 'dropship_connect_reason_';

	public const CRON_HEARTBEAT = 'dropship_connect_heartbeat';
	public const CRON_RETRY     = 'dropship_connect_retry_outbox';

	/** The value WooCommerce's key flow shows the owner and writes into the key description. */
	public const APP_NAME = 'Dropship Connect';

	/**
	 * Every option the plugin owns.
	 *
	 * @return string[]
	 */
	public static function all_options(): array {
		return array(
			self::PLATFORM_URL,
			self::SITE_ID,
			self::SITE_SECRET,
			self::CONNECTED_AT,
			self::OUTBOX,
			self::BILLING_SNAPSHOT,
			self::BILLING_NOTICE,
			self::LAST_ERROR,
			self::LOCAL_LIFECYCLE,
		);
	}

	/**
	 * Every cron hook the plugin schedules.
	 *
	 * @return string[]
	 */
	public static function all_cron_hooks(): array {
		return array( self::CRON_HEARTBEAT, self::CRON_RETRY );
	}

	/**
	 * Transient name prefixes, for the per-user transients uninstall must find in the table.
	 *
	 * @return string[]
	 */
	public static function all_transient_prefixes(): array {
		return array(
			self::T_SUBSCRIPTION,
			self::T_RETRY_THROTTLE,
			self::T_PENDING_CONNECT,
			self::T_FLASH,
			self::T_REASON,
		);
	}

	/**
	 * The platform base URL without trailing slash: the DROPSHIP_CONNECT_PLATFORM_URL
	 * constant, else the saved setting, else the `dropship_connect_default_platform_url` filter.
	 */
	public static function platform_url(): string {
		if ( defined( 'DROPSHIP_CONNECT_PLATFORM_URL' ) ) {
			return Sanitize::platform_url( (string) constant( 'DROPSHIP_CONNECT_PLATFORM_URL' ) );
		}
		$saved = (string) get_option( self::PLATFORM_URL, '' );
		if ( '' !== $saved ) {
			return $saved;
		}
		/**
		 * Platform URL used when none is configured.
		 *
		 * @param string $url Base URL, e.g. https://platform.example.com.
		 */
		return Sanitize::platform_url( (string) apply_filters( 'dropship_connect_default_platform_url', '' ) );
	}

	/** Whether the platform URL is locked by the constant. */
	public static function platform_url_locked(): bool {
		return defined( 'DROPSHIP_CONNECT_PLATFORM_URL' );
	}

	/** Whether the site holds credentials from a finished connection. */
	public static function is_connected(): bool {
		return '' !== self::site_id() && '' !== self::site_secret();
	}

	public static function site_id(): string {
		return (string) get_option( self::SITE_ID, '' );
	}

	public static function site_secret(): string {
		return (string) get_option( self::SITE_SECRET, '' );
	}

	/**
	 * Store the credentials of a finished connection. The secret is not autoloaded.
	 */
	public static function save_credentials( string $site_id, string $site_secret ): void {
		update_option( self::SITE_ID, $site_id, false );
		update_option( self::SITE_SECRET, $site_secret, false );
		update_option( self::CONNECTED_AT, gmdate( 'Y-m-d\TH:i:s\Z' ), false );
	}
}
