<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Admin\Notices;
use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;
use DropshipConnect\WooCommerce\Integration;
use DropshipConnect\WooCommerce\KeyRevoker;

final class WooCommerceAbsentTest extends WordPressTestCase {

	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}woocommerce_api_keys" );
		$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}wc_webhooks" );
		set_current_screen( 'front' );
		parent::tearDown();
	}

	public function test_the_plugin_activates_without_woocommerce_and_says_it_is_needed_for_order_automation(): void {
		$this->assertFalse( Integration::is_active() );
		$this->activate();
		set_current_screen( 'plugins' );

		ob_start();
		do_action( 'admin_notices' );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'notice-warning', $html );
		$this->assertStringContainsString( 'needs WooCommerce for order automation', $html );
	}

	public function test_the_woocommerce_notice_is_not_shown_to_users_who_cannot_act_on_it(): void {
		$this->activate();
		set_current_screen( 'plugins' );
		wp_set_current_user( $this->create_user( 'editor' ) );
		ob_start();
		Notices::woocommerce_missing();
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_revoking_without_woocommerce_tables_does_nothing_and_does_not_fail(): void {
		$this->assertSame( array( 'keys' => 0, 'webhooks' => 0 ), ( new KeyRevoker() )->revoke( Receiver::url() ) );
	}

	public function test_revoking_deletes_only_the_keys_and_webhooks_of_the_connection(): void {
		global $wpdb;
		// The columns WooCommerce's installer creates for these two tables (the ones used here).
		$wpdb->query( "CREATE TABLE {$wpdb->prefix}woocommerce_api_keys (key_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id BIGINT UNSIGNED NOT NULL, description varchar(200) NULL, permissions varchar(10) NOT NULL, consumer_key char(64) NOT NULL, consumer_secret char(43) NOT NULL)" );
		$wpdb->query( "CREATE TABLE {$wpdb->prefix}wc_webhooks (webhook_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, status varchar(200) NOT NULL, name text NOT NULL, user_id BIGINT UNSIGNED NOT NULL, delivery_url text NOT NULL, secret text NOT NULL, topic varchar(200) NOT NULL)" );
		foreach ( array( 'Dropship Connect - API (2026-11-21 08:00:00)', 'Other App - API (2026-11-21 08:00:00)', 'Dropship Connect - API (2026-11-22 08:00:00)' ) as $description ) {
			$wpdb->insert( "{$wpdb->prefix}woocommerce_api_keys", array( 'user_id' => 1, 'description' => $description, 'permissions' => 'read_write', 'consumer_key' => hash( 'sha256', $description ), 'consumer_secret' => 'cs_x' ) );
		}
		$webhooks = array(
			array( 'Order created', Receiver::url() . '/webhooks/woocommerce' ),
			array( 'Dropship Connect order updated', 'https://elsewhere.example/hook' ),
			array( 'Shipping partner', 'https://partner.example/hook' ),
		);
		foreach ( $webhooks as [ $name, $url ] ) {
			$wpdb->insert( "{$wpdb->prefix}wc_webhooks", array( 'status' => 'active', 'name' => $name, 'user_id' => 1, 'delivery_url' => $url, 'secret' => 's', 'topic' => 'order.created' ) );
		}

		$deleted = ( new KeyRevoker() )->revoke( Receiver::url() );

		$this->assertSame( array( 'keys' => 2, 'webhooks' => 2 ), $deleted );
		$this->assertSame( array( 'Other App - API (2026-11-21 08:00:00)' ), $wpdb->get_col( "SELECT description FROM {$wpdb->prefix}woocommerce_api_keys" ) );
		$this->assertSame( array( 'Shipping partner' ), $wpdb->get_col( "SELECT name FROM {$wpdb->prefix}wc_webhooks" ) );
	}
}
