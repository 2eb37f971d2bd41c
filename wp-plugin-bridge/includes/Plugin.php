<?php
/**
 * Every hook of the active plugin, registered in one place.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect;

use DropshipConnect\Admin\Actions;
use DropshipConnect\Admin\DeactivateDialog;
use DropshipConnect\Admin\Notices;
use DropshipConnect\Admin\SettingsPage;
use DropshipConnect\Billing\NoticeInstaller;
use DropshipConnect\Lifecycle\EventSender;
use DropshipConnect\Lifecycle\Heartbeat;

defined( 'ABSPATH' ) || exit;

/**
 * The hooks loader. Activation and deactivation hooks are the exception: WordPress
 * needs those in the main plugin file.
 */
final class Plugin {

	private static ?self $instance = null;
	private bool $registered       = false;

	public static function instance(): self {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}
		return self::$instance;
	}

	public function register_hooks(): void {
		if ( $this->registered ) {
			return;
		}
		$this->registered = true;

		add_action( 'init', array( self::class, 'load_textdomain' ) );

		// Cron.
		add_action( Options::CRON_HEARTBEAT, array( Heartbeat::class, 'run' ) );
		add_action( Options::CRON_RETRY, array( EventSender::class, 'flush' ) );

		// Admin screens.
		add_action( 'admin_init', array( EventSender::class, 'flush_on_admin_load' ) );
		add_action( 'admin_init', array( self::class, 'retire_billing_notice' ) );
		add_action( 'admin_menu', array( SettingsPage::class, 'register_menu' ) );
		add_action( 'load-' . SettingsPage::PAGE_HOOK, array( Actions::class, 'handle_return' ) );
		add_action( 'admin_notices', array( Notices::class, 'woocommerce_missing' ) );
		add_action( 'admin_enqueue_scripts', array( DeactivateDialog::class, 'enqueue' ) );
		add_action( 'admin_footer-plugins.php', array( DeactivateDialog::class, 'render' ) );
		add_filter( 'plugin_action_links_' . Environment::plugin_basename(), array( self::class, 'action_links' ) );

		// Admin actions.
		add_action( 'admin_post_' . Actions::SAVE_SETTINGS, array( Actions::class, 'save_settings' ) );
		add_action( 'admin_post_' . Actions::START_CONNECT, array( Actions::class, 'start_connect' ) );
		add_action( 'admin_post_' . Actions::CONNECT_CODE, array( Actions::class, 'connect_code' ) );
		add_action( 'wp_ajax_' . Actions::LOGIN_LINK, array( Actions::class, 'login_link' ) );
		add_action( 'wp_ajax_' . Actions::REASON, array( Actions::class, 'deactivation_reason' ) );
	}

	public static function load_textdomain(): void {
		load_plugin_textdomain( 'dropship-connect', false, basename( Environment::plugin_dir() ) . '/languages' );
	}

	/**
	 * The plugin is active again, so the must-use billing notice has nothing to say
	 * (it also steps aside by itself; this covers activation by other means than the hook,
	 * such as an option edited by a migration tool).
	 */
	public static function retire_billing_notice(): void {
		if ( false !== get_option( Options::BILLING_NOTICE, false ) ) {
			NoticeInstaller::forget_for_current_site();
			if ( ! is_multisite() ) {
				NoticeInstaller::remove();
			}
		}
	}

	/**
	 * A "Settings" link beside "Deactivate" on plugins.php.
	 *
	 * @param array<string,string> $links
	 * @return array<string,string>
	 */
	public static function action_links( $links ): array {
		$links = is_array( $links ) ? $links : array();
		array_unshift( $links, sprintf( '<a href="%1$s">%2$s</a>', esc_url( SettingsPage::url() ), esc_html__( 'Settings', 'dropship-connect' ) ) );
		return $links;
	}
}
