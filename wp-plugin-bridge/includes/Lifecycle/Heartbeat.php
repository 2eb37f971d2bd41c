<?php
/**
 * The daily heartbeat (POST /bridge/v1/heartbeat).
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

use DropshipConnect\Environment;
use DropshipConnect\Options;
use DropshipConnect\Platform\Client;
use DropshipConnect\Platform\Response;

defined( 'ABSPATH' ) || exit;

/**
 * A site deleted without uninstall.php running (FTP, `wp plugin delete`) stops sending
 * these; the platform then disconnects it as `heartbeat_lost`.
 */
final class Heartbeat {

	public const PATH = '/bridge/v1/heartbeat';

	public static function schedule(): void {
		if ( false === wp_next_scheduled( Options::CRON_HEARTBEAT ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', Options::CRON_HEARTBEAT );
		}
	}

	public static function unschedule(): void {
		foreach ( Options::all_cron_hooks() as $hook ) {
			wp_clear_scheduled_hook( $hook );
		}
	}

	/**
	 * Cron callback: deliver anything queued, then say the plugin is alive.
	 */
	public static function run(): ?Response {
		if ( ! Options::is_connected() ) {
			return null;
		}
		EventSender::flush();
		return Client::from_options()->post_signed(
			self::PATH,
			Environment::site_fields() + array( 'active' => true )
		);
	}
}
