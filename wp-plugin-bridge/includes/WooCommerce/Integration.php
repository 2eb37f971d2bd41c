<?php
/**
 * The only place that asks whether WooCommerce is there.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\WooCommerce;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin runs without WooCommerce (connection, lifecycle, billing) and only
 * order automation needs it.
 */
final class Integration {

	public static function is_active(): bool {
		return class_exists( 'WooCommerce', false ) || defined( 'WC_VERSION' );
	}

	public static function version(): ?string {
		return defined( 'WC_VERSION' ) ? (string) constant( 'WC_VERSION' ) : null;
	}

	/** The site's own WooCommerce key-flow endpoint. */
	public static function authorize_endpoint(): string {
		return home_url( '/wc-auth/v1/authorize' );
	}
}
