<?php
/**
 * Revokes the REST keys and webhooks the connection created in WooCommerce.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\WooCommerce;

use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Works on WooCommerce's tables directly, so keys are revoked even while WooCommerce
 * itself is inactive (its tables, and so the keys, outlive its deactivation); with no
 * tables it does nothing.
 *
 * Ownership: WooCommerce names keys from the key flow "<app_name> - API (<date>)", and
 * the platform's webhooks deliver to the platform URL (or carry the app name).
 */
final class KeyRevoker {

	/**
	 * @return array{keys:int,webhooks:int} Rows deleted.
	 */
	public function revoke( string $platform_url ): array {
		$deleted = array(
			'keys'     => $this->revoke_keys(),
			'webhooks' => $this->revoke_webhooks( $platform_url ),
		);
		if ( $deleted['webhooks'] > 0 ) {
			// WooCommerce caches the ids of active webhooks it loads on each request.
			delete_transient( 'woocommerce_webhook_ids_status_active' );
			delete_transient( 'woocommerce_webhook_ids_status_all' );
			wp_cache_delete( 'woocommerce_webhook_ids', 'webhooks' );
		}
		return $deleted;
	}

	private function revoke_keys(): int {
		global $wpdb;
		$table = $wpdb->prefix . 'woocommerce_api_keys';
		if ( ! $this->table_exists( $table ) ) {
			return 0;
		}
		$like = $wpdb->esc_like( Options::APP_NAME . ' - API' ) . '%';
		return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM `{$table}` WHERE description LIKE %s", $like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
	}

	private function revoke_webhooks( string $platform_url ): int {
		global $wpdb;
		$table = $wpdb->prefix . 'wc_webhooks';
		if ( ! $this->table_exists( $table ) ) {
			return 0;
		}
		$name_like = $wpdb->esc_like( Options::APP_NAME ) . '%';
		if ( '' === $platform_url ) {
			return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM `{$table}` WHERE name LIKE %s", $name_like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		$url_like = $wpdb->esc_like( $platform_url . '/' ) . '%';
		return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM `{$table}` WHERE name LIKE %s OR delivery_url LIKE %s", $name_like, $url_like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	private function table_exists( string $table ): bool {
		global $wpdb;
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}
}
