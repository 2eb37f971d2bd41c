<?php
/**
 * The dialog that opens when "Deactivate" is clicked for this plugin on plugins.php.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\Billing\SubscriptionStatus;
use DropshipConnect\Environment;
use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Informs and never cancels: its buttons deactivate the plugin, open the account area,
 * or close the dialog.
 */
final class DeactivateDialog {

	public const ELEMENT_ID = 'dropship-connect-deactivate-dialog';

	/**
	 * Prints the hidden dialog in the footer of plugins.php.
	 */
	public static function render(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		$subscription = Options::is_connected() ? SubscriptionStatus::get() : null;
		$next_charge  = null === $subscription ? '' : SubscriptionStatus::format_date( $subscription['next_charge_at'] );
		?>
		<div class="dropship-connect-dialog-backdrop" id="<?php echo esc_attr( self::ELEMENT_ID ); ?>" hidden>
			<div class="dropship-connect-dialog" role="dialog" aria-modal="true" aria-labelledby="dropship-connect-dialog-title" aria-describedby="dropship-connect-dialog-text" tabindex="-1">
				<h2 id="dropship-connect-dialog-title"><?php esc_html_e( 'Your subscription continues', 'dropship-connect' ); ?></h2>
				<div id="dropship-connect-dialog-text">
					<p><strong><?php echo esc_html( BillingBox::not_cancelled_text() ); ?></strong></p>
					<?php if ( '' !== $next_charge ) : ?>
						<p class="dropship-connect-next-charge">
							<?php
							/* translators: %s: date of the next charge */
							echo esc_html( sprintf( __( 'Next charge: %s.', 'dropship-connect' ), $next_charge ) );
							?>
						</p>
					<?php endif; ?>
					<p><?php esc_html_e( 'Deactivating stops order automation for this store. Products already published stay on your store: remove them by hand if you no longer want them.', 'dropship-connect' ); ?></p>
				</div>
				<p>
					<label for="dropship-connect-reason"><?php esc_html_e( 'Why are you deactivating? (optional)', 'dropship-connect' ); ?></label><br />
					<textarea id="dropship-connect-reason" rows="3" maxlength="1000" class="large-text"></textarea>
				</p>
				<p class="dropship-connect-dialog-error" role="alert"></p>
				<div class="dropship-connect-dialog-actions">
					<?php if ( Options::is_connected() ) : ?>
						<button type="button" class="button button-primary dropship-connect-manage"><?php esc_html_e( 'Manage subscription', 'dropship-connect' ); ?></button>
					<?php endif; ?>
					<button type="button" class="button dropship-connect-confirm"><?php esc_html_e( 'Deactivate the plugin', 'dropship-connect' ); ?></button>
					<button type="button" class="button-link dropship-connect-cancel"><?php esc_html_e( 'Keep it active', 'dropship-connect' ); ?></button>
				</div>
			</div>
		</div>
		<?php
	}

	/**
	 * Script and style for plugins.php and the plugin page.
	 *
	 * @param string $hook_suffix The current admin page.
	 */
	public static function enqueue( string $hook_suffix ): void {
		if ( ! in_array( $hook_suffix, array( 'plugins.php', SettingsPage::PAGE_HOOK ), true ) ) {
			return;
		}
		$base = plugins_url( 'assets/', Environment::plugin_dir() . '/dropship-connect.php' );
		wp_enqueue_style( 'dropship-connect-admin', $base . 'css/admin.css', array(), Environment::plugin_version() );
		wp_enqueue_script( 'dropship-connect-admin', $base . 'js/admin.js', array(), Environment::plugin_version(), true );
		wp_localize_script(
			'dropship-connect-admin',
			'dropshipConnect',
			array(
				'ajaxUrl'     => admin_url( 'admin-ajax.php' ),
				'pluginFile'  => Environment::plugin_basename(),
				'dialogId'    => self::ELEMENT_ID,
				'loginNonce'  => wp_create_nonce( Actions::LOGIN_LINK ),
				'reasonNonce' => wp_create_nonce( Actions::REASON ),
				'i18n'        => array(
					'loginFailed' => __( 'The sign-in link could not be created. Sign in to your account and open Settings → Store management.', 'dropship-connect' ),
					'popupBlocked' => __( 'Your browser blocked the new tab. Allow pop-ups for this site, or sign in to your account yourself.', 'dropship-connect' ),
				),
			)
		);
	}
}
