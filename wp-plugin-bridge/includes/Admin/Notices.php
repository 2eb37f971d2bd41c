<?php
/**
 * Admin notices of the active plugin.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\WooCommerce\Integration;

defined( 'ABSPATH' ) || exit;

/**
 * Plain markup rather than wp_admin_notice(), which WordPress 6.1 does not have.
 */
final class Notices {

	/** Screens where the missing-WooCommerce notice appears (the plugin page shows it inline). */
	private const WOOCOMMERCE_SCREENS = array( 'dashboard', 'plugins' );

	public static function woocommerce_missing_text(): string {
		return __( 'Dropship Connect needs WooCommerce for order automation. Install and activate WooCommerce; until then the store stays connected but no orders are processed.', 'dropship-connect' );
	}

	public static function woocommerce_missing(): void {
		if ( Integration::is_active() || ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null === $screen || ! in_array( $screen->id, self::WOOCOMMERCE_SCREENS, true ) ) {
			return;
		}
		printf(
			'<div class="notice notice-warning dropship-connect-woocommerce-missing"><p><strong>%1$s</strong> %2$s</p></div>',
			esc_html__( 'Dropship Connect:', 'dropship-connect' ),
			esc_html( self::woocommerce_missing_text() )
		);
	}
}
