<?php
/**
 * Handlers of every admin action: each checks the capability and the nonce first.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\Billing\LoginLink;
use DropshipConnect\Connect\ConnectFlow;
use DropshipConnect\Options;
use DropshipConnect\Sanitize;

defined( 'ABSPATH' ) || exit;

/**
 * admin-post.php and admin-ajax.php handlers. Redirects end the request with exit,
 * as WordPress requires after wp_redirect().
 */
final class Actions {

	public const SAVE_SETTINGS = 'dropship_connect_save_settings';
	public const START_CONNECT = 'dropship_connect_start';
	public const CONNECT_CODE  = 'dropship_connect_code';
	public const LOGIN_LINK    = 'dropship_connect_login_link';
	public const REASON        = 'dropship_connect_deactivation_reason';

	public static function save_settings(): void {
		self::guard( 'manage_options', self::SAVE_SETTINGS );
		if ( Options::platform_url_locked() ) {
			Flash::add( 'error', __( 'The platform URL is set by the DROPSHIP_CONNECT_PLATFORM_URL constant in wp-config.php.', 'dropship-connect' ) );
			self::back_to_page();
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked in guard().
		$url = Sanitize::platform_url( isset( $_POST['platform_url'] ) ? (string) wp_unslash( $_POST['platform_url'] ) : '' );
		if ( '' === $url ) {
			Flash::add( 'error', __( 'Enter the platform address as a full http(s) URL, for example https://platform.example.com.', 'dropship-connect' ) );
			self::back_to_page();
		}
		update_option( Options::PLATFORM_URL, $url, true );
		Flash::add( 'success', __( 'Platform URL saved.', 'dropship-connect' ) );
		self::back_to_page();
	}

	public static function start_connect(): void {
		self::guard( 'manage_options', self::START_CONNECT );
		$authorize_url = ConnectFlow::start( get_current_user_id() );
		if ( is_wp_error( $authorize_url ) ) {
			Flash::add( 'error', $authorize_url->get_error_message() );
			self::back_to_page();
		}
		// The authorize screen is this site's own WooCommerce endpoint, so a safe redirect.
		wp_safe_redirect( $authorize_url );
		exit;
	}

	public static function connect_code(): void {
		self::guard( 'manage_options', self::CONNECT_CODE );
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked in guard().
		$code   = Sanitize::connection_code( isset( $_POST['connection_code'] ) ? (string) wp_unslash( $_POST['connection_code'] ) : '' );
		$result = ConnectFlow::connect_with_code( $code );
		if ( is_wp_error( $result ) ) {
			Flash::add( 'error', $result->get_error_message() );
		} else {
			Flash::add( 'success', __( 'This site is now connected to Dropship Connect.', 'dropship-connect' ) );
		}
		self::back_to_page();
	}

	/**
	 * The owner comes back from WooCommerce's authorize screen (load-{page} hook).
	 */
	public static function handle_return(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only decides whether this is a return; verified below.
		if ( ! isset( $_GET['dropship_connect_return'] ) ) {
			return;
		}
		if ( ! current_user_can( 'manage_options' ) ) {
			self::refuse();
		}
		check_admin_referer( ConnectFlow::RETURN_NONCE );
		if ( isset( $_GET['success'] ) && '0' === sanitize_text_field( wp_unslash( $_GET['success'] ) ) ) {
			Flash::add( 'error', __( 'The connection was declined on the WooCommerce screen. Nothing was connected.', 'dropship-connect' ) );
			self::back_to_page();
		}
		$result = ConnectFlow::claim( get_current_user_id() );
		if ( is_wp_error( $result ) ) {
			Flash::add( 'error', $result->get_error_message() );
		} else {
			Flash::add( 'success', __( 'This site is now connected to Dropship Connect.', 'dropship-connect' ) );
		}
		self::back_to_page();
	}

	/** AJAX: a sign-in link to the account area, for the "Manage subscription" buttons. */
	public static function login_link(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_send_json_error( array( 'message' => __( 'You are not allowed to do this.', 'dropship-connect' ) ), 403 );
		}
		check_ajax_referer( self::LOGIN_LINK );
		$url = LoginLink::create();
		if ( is_wp_error( $url ) ) {
			wp_send_json_error( array( 'message' => $url->get_error_message() ), 502 );
		}
		wp_send_json_success( array( 'url' => $url ) );
	}

	/** AJAX: keep the reason typed in the deactivation dialog for the deactivation hook. */
	public static function deactivation_reason(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			wp_send_json_error( array( 'message' => __( 'You are not allowed to do this.', 'dropship-connect' ) ), 403 );
		}
		check_ajax_referer( self::REASON );
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked above.
		$reason = Sanitize::reason( isset( $_POST['reason'] ) ? (string) wp_unslash( $_POST['reason'] ) : '' );
		set_transient( Options::T_REASON . get_current_user_id(), $reason, 10 * MINUTE_IN_SECONDS );
		wp_send_json_success( array( 'saved' => '' !== $reason ) );
	}

	/**
	 * Refuse without the capability, then verify the nonce of the action.
	 */
	private static function guard( string $capability, string $nonce_action ): void {
		if ( ! current_user_can( $capability ) ) {
			self::refuse();
		}
		check_admin_referer( $nonce_action );
	}

	private static function refuse(): void {
		wp_die( esc_html__( 'You are not allowed to do this.', 'dropship-connect' ), esc_html__( 'Forbidden', 'dropship-connect' ), array( 'response' => 403 ) );
	}

	private static function back_to_page(): void {
		wp_safe_redirect( SettingsPage::url() );
		exit;
	}
}
