<?php
/**
 * The subscription box of the plugin page.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\Billing\SubscriptionStatus;

defined( 'ABSPATH' ) || exit;

/**
 * Says plainly what the site is billed and that removing the plugin does not stop it.
 */
final class BillingBox {

	public static function render(): void {
		$subscription = SubscriptionStatus::get();
		echo '<h2>' . esc_html__( 'Subscription', 'dropship-connect' ) . '</h2>';
		if ( null === $subscription ) {
			echo '<p>' . esc_html__( 'The subscription status could not be loaded from the platform right now.', 'dropship-connect' ) . '</p>';
		} else {
			self::render_table( $subscription );
		}
		echo '<p><strong>' . esc_html( self::not_cancelled_text() ) . '</strong></p>';
		printf(
			'<p><button type="button" class="button button-primary dropship-connect-manage">%s</button> <span class="dropship-connect-manage-error" role="alert"></span></p>',
			esc_html__( 'Manage subscription', 'dropship-connect' )
		);
	}

	/** The sentence every billing surface repeats. */
	public static function not_cancelled_text(): string {
		return __( 'Deactivating or deleting this plugin does NOT cancel your monthly subscription. To cancel, sign in to your account and open Settings → Store management.', 'dropship-connect' );
	}

	/**
	 * @param array<string,mixed> $subscription
	 */
	private static function render_table( array $subscription ): void {
		$rows = array(
			__( 'Status', 'dropship-connect' )      => (string) $subscription['status'],
			__( 'Plan', 'dropship-connect' )        => trim( $subscription['plan'] . ' ' . $subscription['price'] ),
			__( 'Next charge', 'dropship-connect' ) => SubscriptionStatus::format_date( $subscription['next_charge_at'] ),
			__( 'Billing ends', 'dropship-connect' ) => SubscriptionStatus::format_date( $subscription['billing_ends_at'] ),
		);
		echo '<table class="widefat striped dropship-connect-subscription" style="max-width:40em"><tbody>';
		foreach ( $rows as $label => $value ) {
			if ( '' === $value ) {
				continue;
			}
			printf( '<tr><th scope="row">%1$s</th><td>%2$s</td></tr>', esc_html( $label ), esc_html( $value ) );
		}
		echo '</tbody></table>';
	}
}
