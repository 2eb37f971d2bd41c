<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;

final class UninstallTest extends WordPressTestCase {

	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}woocommerce_api_keys" );
		parent::tearDown();
	}

	private function deactivated_connected_site(): void {
		$this->connect_site();
		$this->activate();
		set_transient( 'dropship_connect_flash_1', array( array( 'type' => 'info', 'message' => 'x' ) ), 300 );
		set_transient( 'dropship_connect_pending_7', array( 'connection_id' => 'c' ), 300 );
		deactivate_plugins( self::PLUGIN );
		set_transient( 'dropship_connect_subscription', array( 'status' => 'active' ), 300 );
		Receiver::reset();
	}

	public function test_deleting_the_plugin_sends_a_signed_deleted_event_and_removes_all_its_data(): void {
		global $wpdb;
		$this->deactivated_connected_site();
		$wpdb->query( "CREATE TABLE {$wpdb->prefix}woocommerce_api_keys (key_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id BIGINT UNSIGNED NOT NULL, description varchar(200) NULL, permissions varchar(10) NOT NULL, consumer_key char(64) NOT NULL, consumer_secret char(43) NOT NULL)" );
		$wpdb->insert( "{$wpdb->prefix}woocommerce_api_keys", array( 'user_id' => 1, 'description' => 'Dropship Connect - API (2026-11-21 08:00:00)', 'permissions' => 'read_write', 'consumer_key' => str_repeat( 'a', 64 ), 'consumer_secret' => 'cs' ) );
		wp_schedule_single_event( time() + 60, 'dropship_connect_retry_outbox' );
		$this->assertFileExists( WPMU_PLUGIN_DIR . '/dropship-connect-billing-notice.php' );

		$this->fresh_request( 'uninstall' );

		$events = Receiver::requests( '/bridge/v1/events' );
		$this->assertCount( 1, $events );
		$this->assertSigned( $events[0] );
		$this->assertSame( 'deleted', $events[0]->json()['type'] );
		$this->assertSame( '1.0.0', $events[0]->json()['plugin_version'], 'the version is read from the header when the main file is not loaded' );

		$left = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%dropship\\_connect%'" );
		$this->assertSame( array(), $left );
		$this->assertFalse( wp_next_scheduled( 'dropship_connect_heartbeat' ) );
		$this->assertFalse( wp_next_scheduled( 'dropship_connect_retry_outbox' ) );
		$this->assertFileDoesNotExist( WPMU_PLUGIN_DIR . '/dropship-connect-billing-notice.php' );
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}woocommerce_api_keys" ) );
	}

	public function test_a_deactivation_still_queued_is_delivered_before_the_deleted_event(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 503 );
		deactivate_plugins( self::PLUGIN );
		Receiver::reset();

		$this->fresh_request( 'uninstall' );

		$types = array_map( static fn ( $r ) => $r->json()['type'], Receiver::requests( '/bridge/v1/events' ) );
		$this->assertSame( array( 'deactivated', 'deleted' ), $types );
	}

	public function test_deleting_while_the_platform_is_down_still_removes_everything(): void {
		global $wpdb;
		$this->deactivated_connected_site();
		Receiver::respond( '/bridge/v1/events', 503 );

		$result = json_decode( $this->fresh_request( 'uninstall' ), true );

		$this->assertTrue( $result['uninstalled'] );
		$this->assertLessThan( 12, $result['seconds'] );
		$this->assertSame( array(), $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%dropship\\_connect%'" ) );
	}

	public function test_deleting_a_site_that_never_connected_sends_nothing(): void {
		$this->activate();
		deactivate_plugins( self::PLUGIN );

		$this->fresh_request( 'uninstall' );

		$this->assertSame( array(), Receiver::requests() );
		$this->assertFalse( get_option( 'dropship_connect_platform_url' ) );
	}
}
