<?php
/**
 * Plugin Name: Dropship Connect — billing notice
 * Description: Installed when Dropship Connect is deactivated: reminds administrators that the platform subscription is still billed. Removes itself when dismissed, when Dropship Connect is activated again, or when it is deleted.
 * Version:     1.0.0
 * Text Domain: dropship-connect
 *
 * @package DropshipConnect
 */

defined( 'ABSPATH' ) || exit;

if ( ! function_exists( 'dropship_connect_billing_notice_data' ) ) {

	/**
	 * The notice data the deactivation stored for this site, or null.
	 *
	 * @return array<string,mixed>|null
	 */
	function dropship_connect_billing_notice_data(): ?array {
		$data = get_option( 'dropship_connect_billing_notice', null );
		return is_array( $data ) ? $data : null;
	}

	/**
	 * Whether the plugin's files are still there, so its classes can be used.
	 *
	 * @param array<string,mixed> $data Notice data.
	 */
	function dropship_connect_billing_notice_load_plugin( array $data ): bool {
		$autoload = isset( $data['plugin_dir'] ) ? (string) $data['plugin_dir'] . '/includes/autoload.php' : '';
		if ( '' === $autoload || ! is_readable( $autoload ) ) {
			return false;
		}
		require_once $autoload;
		return class_exists( '\DropshipConnect\Lifecycle\EventSender' );
	}

	/**
	 * Remove this file once it has nothing left to do.
	 */
	function dropship_connect_billing_notice_self_remove(): void {
		if ( ! is_multisite() && file_exists( __FILE__ ) ) {
			wp_delete_file( __FILE__ );
		}
	}

	/**
	 * On admin loads: step aside if the plugin is active again, and deliver queued
	 * lifecycle events (a `deactivated` the platform missed) while the plugin is inactive.
	 */
	function dropship_connect_billing_notice_admin_init(): void {
		$data = dropship_connect_billing_notice_data();
		if ( null === $data ) {
			dropship_connect_billing_notice_self_remove();
			return;
		}
		$plugin_file = isset( $data['plugin_file'] ) ? (string) $data['plugin_file'] : 'dropship-connect/dropship-connect.php';
		if ( in_array( $plugin_file, (array) get_option( 'active_plugins', array() ), true ) ) {
			delete_option( 'dropship_connect_billing_notice' );
			dropship_connect_billing_notice_self_remove();
			return;
		}
		if ( array() !== (array) get_option( 'dropship_connect_outbox', array() ) && dropship_connect_billing_notice_load_plugin( $data ) ) {
			\DropshipConnect\Lifecycle\EventSender::flush_on_admin_load();
		}
	}

	/**
	 * The notice itself, for administrators only.
	 */
	function dropship_connect_billing_notice_render(): void {
		$data = dropship_connect_billing_notice_data();
		if ( null === $data || ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$plugin_dir = isset( $data['plugin_dir'] ) ? (string) $data['plugin_dir'] : '';
		if ( '' !== $plugin_dir && ! is_textdomain_loaded( 'dropship-connect' ) ) {
			load_textdomain( 'dropship-connect', $plugin_dir . '/languages/dropship-connect-' . determine_locale() . '.mo' );
		}
		$next_charge = isset( $data['next_charge_at'] ) && is_int( $data['next_charge_at'] )
			? wp_date( (string) get_option( 'date_format', 'Y-m-d' ), $data['next_charge_at'] )
			: '';
		$can_link = '' !== $plugin_dir && is_readable( $plugin_dir . '/includes/autoload.php' );
		?>
		<div class="notice notice-warning dropship-connect-billing-notice" role="status">
			<p><strong><?php esc_html_e( 'Dropship Connect: your monthly subscription is still active.', 'dropship-connect' ); ?></strong></p>
			<p><?php esc_html_e( 'Deactivating or deleting the plugin does not cancel the subscription. Only you, signed in to your account, can cancel it in Settings → Store management.', 'dropship-connect' ); ?></p>
			<?php if ( '' !== $next_charge ) : ?>
				<p>
					<?php
					/* translators: %s: date of the next charge */
					echo esc_html( sprintf( __( 'Next charge: %s.', 'dropship-connect' ), $next_charge ) );
					?>
				</p>
			<?php endif; ?>
			<div class="dropship-connect-billing-notice-actions" style="margin:0.5em 0">
				<?php if ( $can_link ) : ?>
					<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" style="display:inline">
						<input type="hidden" name="action" value="dropship_connect_notice_manage" />
						<?php wp_nonce_field( 'dropship_connect_notice_manage' ); ?>
						<button type="submit" class="button button-primary"><?php esc_html_e( 'Manage subscription', 'dropship-connect' ); ?></button>
					</form>
				<?php endif; ?>
				<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" style="display:inline">
					<input type="hidden" name="action" value="dropship_connect_notice_dismiss" />
					<?php wp_nonce_field( 'dropship_connect_notice_dismiss' ); ?>
					<button type="submit" class="button"><?php esc_html_e( 'Dismiss', 'dropship-connect' ); ?></button>
				</form>
			</div>
		</div>
		<?php
	}

	/**
	 * Dismiss: the owner has read the notice; forget it and remove this file.
	 */
	function dropship_connect_billing_notice_dismiss(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'dropship-connect' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( 'dropship_connect_notice_dismiss' );
		delete_option( 'dropship_connect_billing_notice' );
		dropship_connect_billing_notice_self_remove();
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
		exit;
	}

	/**
	 * Manage subscription: ask the platform for a sign-in link and go there.
	 */
	function dropship_connect_billing_notice_manage(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'dropship-connect' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( 'dropship_connect_notice_manage' );
		$data = dropship_connect_billing_notice_data();
		$url  = null !== $data && dropship_connect_billing_notice_load_plugin( $data )
			? \DropshipConnect\Billing\LoginLink::create()
			: new WP_Error( 'dropship_connect_login_link', __( 'Sign in to your account and open Settings → Store management.', 'dropship-connect' ) );
		if ( is_wp_error( $url ) ) {
			wp_die( esc_html( $url->get_error_message() ), '', array( 'response' => 502, 'back_link' => true ) );
		}
		// The account area is on the platform's own host, so wp_safe_redirect() would refuse it.
		wp_redirect( $url ); // phpcs:ignore WordPress.Security.SafeRedirect.wp_redirect_wp_redirect
		exit;
	}

	add_action( 'admin_init', 'dropship_connect_billing_notice_admin_init' );
	add_action( 'admin_notices', 'dropship_connect_billing_notice_render' );
	add_action( 'admin_post_dropship_connect_notice_dismiss', 'dropship_connect_billing_notice_dismiss' );
	add_action( 'admin_post_dropship_connect_notice_manage', 'dropship_connect_billing_notice_manage' );
}
