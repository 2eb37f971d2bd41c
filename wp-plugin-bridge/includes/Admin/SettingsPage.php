<?php
/**
 * The "Dropship Connect" admin page: connection, billing, pending events.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\Lifecycle\Outbox;
use DropshipConnect\Options;
use DropshipConnect\WooCommerce\Integration;

defined( 'ABSPATH' ) || exit;

/**
 * Top-level menu page; every form posts to admin-post.php with its own nonce.
 */
final class SettingsPage {

	public const SLUG = 'dropship-connect';

	public static function url(): string {
		return admin_url( 'admin.php?page=' . self::SLUG );
	}

	/** The load-{hook} name of this page, known before the menu is built. */
	public const PAGE_HOOK = 'toplevel_page_' . self::SLUG;

	public static function register_menu(): void {
		add_menu_page(
			__( 'Dropship Connect', 'dropship-connect' ),
			__( 'Dropship Connect', 'dropship-connect' ),
			'manage_options',
			self::SLUG,
			array( self::class, 'render' ),
			'dashicons-cart',
			58
		);
	}

	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap dropship-connect-page">';
		echo '<h1>' . esc_html__( 'Dropship Connect', 'dropship-connect' ) . '</h1>';
		foreach ( Flash::take() as $flash ) {
			printf( '<div class="notice notice-%1$s"><p>%2$s</p></div>', esc_attr( $flash['type'] ), esc_html( $flash['message'] ) );
		}
		if ( ! Integration::is_active() ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html( Notices::woocommerce_missing_text() ) . '</p></div>';
		}
		self::render_connection();
		if ( Options::is_connected() ) {
			BillingBox::render();
		}
		self::render_outbox();
		echo '</div>';
	}

	private static function render_connection(): void {
		echo '<h2>' . esc_html__( 'Connection', 'dropship-connect' ) . '</h2>';
		if ( Options::is_connected() ) {
			echo '<p>' . esc_html(
				sprintf(
					/* translators: %s: site id given by the platform */
					__( 'This site is connected to the platform (site id %s).', 'dropship-connect' ),
					Options::site_id()
				)
			) . '</p>';
		} else {
			echo '<p>' . esc_html__( 'This site is not connected yet.', 'dropship-connect' ) . '</p>';
		}
		self::render_platform_url_form();
		if ( ! Options::is_connected() && '' !== Options::platform_url() ) {
			self::render_connect_forms();
		}
	}

	private static function render_platform_url_form(): void {
		?>
		<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
			<input type="hidden" name="action" value="<?php echo esc_attr( Actions::SAVE_SETTINGS ); ?>" />
			<?php wp_nonce_field( Actions::SAVE_SETTINGS ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="dropship-connect-platform-url"><?php esc_html_e( 'Platform URL', 'dropship-connect' ); ?></label></th>
					<td>
						<input type="url" class="regular-text" id="dropship-connect-platform-url" name="platform_url" value="<?php echo esc_attr( Options::platform_url() ); ?>" <?php disabled( Options::platform_url_locked() ); ?> />
						<?php if ( Options::platform_url_locked() ) : ?>
							<p class="description"><?php esc_html_e( 'Set by DROPSHIP_CONNECT_PLATFORM_URL in wp-config.php.', 'dropship-connect' ); ?></p>
						<?php endif; ?>
					</td>
				</tr>
			</table>
			<?php
			if ( ! Options::platform_url_locked() ) {
				submit_button( __( 'Save', 'dropship-connect' ), 'secondary' );
			}
			?>
		</form>
		<?php
	}

	private static function render_connect_forms(): void {
		?>
		<h3><?php esc_html_e( 'Connect with WooCommerce', 'dropship-connect' ); ?></h3>
		<?php if ( Integration::is_active() ) : ?>
			<p><?php esc_html_e( 'WooCommerce will ask you to approve read/write access for Dropship Connect, then bring you back here.', 'dropship-connect' ); ?></p>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="<?php echo esc_attr( Actions::START_CONNECT ); ?>" />
				<?php wp_nonce_field( Actions::START_CONNECT ); ?>
				<?php submit_button( __( 'Connect', 'dropship-connect' ), 'primary', 'submit', false ); ?>
			</form>
		<?php else : ?>
			<p><?php esc_html_e( 'The WooCommerce approval screen needs WooCommerce. Use a connection code instead.', 'dropship-connect' ); ?></p>
		<?php endif; ?>
		<h3><?php esc_html_e( 'Connect with a code', 'dropship-connect' ); ?></h3>
		<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
			<input type="hidden" name="action" value="<?php echo esc_attr( Actions::CONNECT_CODE ); ?>" />
			<?php wp_nonce_field( Actions::CONNECT_CODE ); ?>
			<p>
				<label for="dropship-connect-code"><?php esc_html_e( 'Connection code (create one in your account)', 'dropship-connect' ); ?></label><br />
				<input type="text" id="dropship-connect-code" name="connection_code" autocomplete="off" class="regular-text" />
			</p>
			<?php submit_button( __( 'Connect with this code', 'dropship-connect' ), 'secondary', 'submit', false ); ?>
		</form>
		<?php
	}

	private static function render_outbox(): void {
		$entries = Outbox::entries();
		$error   = get_option( Options::LAST_ERROR, null );
		if ( array() === $entries && ! is_array( $error ) ) {
			return;
		}
		echo '<h2>' . esc_html__( 'Messages to the platform', 'dropship-connect' ) . '</h2>';
		if ( array() !== $entries ) {
			echo '<p>' . esc_html(
				sprintf(
					/* translators: %d: number of events waiting */
					_n( '%d event is waiting to be delivered; it is retried automatically.', '%d events are waiting to be delivered; they are retried automatically.', count( $entries ), 'dropship-connect' ),
					count( $entries )
				)
			) . '</p><ul>';
			foreach ( $entries as $entry ) {
				printf( '<li><code>%1$s</code> — %2$s</li>', esc_html( $entry['type'] ), esc_html( $entry['last_error'] ) );
			}
			echo '</ul>';
		}
		if ( is_array( $error ) && isset( $error['message'] ) ) {
			echo '<p>' . esc_html(
				sprintf(
					/* translators: 1: event type, 2: error */
					__( 'Last refused event (%1$s): %2$s', 'dropship-connect' ),
					(string) ( $error['context'] ?? '' ),
					(string) $error['message']
				)
			) . '</p>';
		}
	}
}
