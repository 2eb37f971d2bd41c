<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Admin\Actions;
use DropshipConnect\Connect\ConnectFlow;
use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;

final class ConnectTest extends WordPressTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->activate();
		Receiver::reset();
	}

	public function test_connect_starts_at_the_platform_then_redirects_to_the_sites_own_authorize_screen(): void {
		$this->nonce_request( Actions::START_CONNECT );

		$redirect = $this->interrupt( array( Actions::class, 'start_connect' ) );

		$this->assertSame( 'redirect', $redirect->kind );
		$start = Receiver::requests( '/bridge/v1/connect/start' );
		$this->assertCount( 1, $start );
		$this->assertSame( '', $start[0]->header( 'X-Dropship-Signature' ), 'connect/start is unsigned' );
		$sent = $start[0]->json();
		$this->assertSame( 'http://shop.test', $sent['site_url'] );
		$this->assertSame( 'admin@shop.test', $sent['admin_email'] );
		$this->assertStringStartsWith( 'http://shop.test/wp-admin/admin.php?page=dropship-connect&dropship_connect_return=1', $sent['return_url'] );

		$this->assertStringStartsWith( 'http://shop.test/wc-auth/v1/authorize?', $redirect->detail );
		parse_str( (string) wp_parse_url( $redirect->detail, PHP_URL_QUERY ), $query );
		$this->assertSame( 'Dropship Connect', $query['app_name'] );
		$this->assertSame( 'read_write', $query['scope'] );
		$this->assertSame( 'signed.state.token', $query['user_id'] );
		$this->assertSame( $sent['return_url'], $query['return_url'] );
		$this->assertSame( Receiver::url() . '/woocommerce/auth/callback', $query['callback_url'] );
		$this->assertStringNotContainsString( 'claim-secret-xyz', $redirect->detail, 'the claim secret never travels in a URL' );
	}

	public function test_the_platform_cannot_replace_the_state_or_ask_for_an_invalid_scope(): void {
		$url = ConnectFlow::authorize_url( 'the-state', array( 'user_id' => 'other', 'scope' => 'admin', 'app_name' => 'Dropship Connect EU' ), 'http://shop.test/back' );
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( 'the-state', $query['user_id'] );
		$this->assertSame( 'read_write', $query['scope'] );
		$this->assertSame( 'Dropship Connect EU', $query['app_name'] );
	}

	public function test_coming_back_from_woocommerce_claims_the_connection_and_stores_the_secret(): void {
		$this->nonce_request( Actions::START_CONNECT );
		$redirect = $this->interrupt( array( Actions::class, 'start_connect' ) );
		parse_str( (string) wp_parse_url( $redirect->detail, PHP_URL_QUERY ), $query );
		parse_str( (string) wp_parse_url( $query['return_url'], PHP_URL_QUERY ), $return );
		$_GET     = $return + array( 'success' => '1', 'user_id' => 'signed.state.token' );
		$_REQUEST = $_GET;

		$back = $this->interrupt( array( Actions::class, 'handle_return' ) );

		$this->assertSame( 'redirect', $back->kind );
		$this->assertSame( 'http://shop.test/wp-admin/admin.php?page=dropship-connect', $back->detail );
		$claim = Receiver::requests( '/bridge/v1/connect/claim' );
		$this->assertCount( 1, $claim );
		$this->assertSame( array( 'connection_id' => 'conn_123', 'claim_secret' => 'claim-secret-xyz' ), $claim[0]->json() );
		$this->assertSame( 'site_42', get_option( 'dropship_connect_site_id' ) );
		$this->assertSame( 'site-secret-from-claim', get_option( 'dropship_connect_site_secret' ) );
		$this->assertFalse( get_transient( 'dropship_connect_pending_1' ) );

		$beats = Receiver::requests( '/bridge/v1/heartbeat' );
		$this->assertCount( 1, $beats, 'a heartbeat follows the connection at once' );
		$this->assertSigned( $beats[0], 'site-secret-from-claim', 'site_42' );
		$this->assertNotFalse( wp_next_scheduled( 'dropship_connect_heartbeat' ) );
	}

	public function test_a_second_claim_refused_with_409_leaves_the_site_unconnected(): void {
		ConnectFlow::start( 1 );
		Receiver::respond( '/bridge/v1/connect/claim', 409, array( 'error' => 'already_claimed' ) );

		$result = ConnectFlow::claim( 1 );

		$this->assertWPError( $result );
		$this->assertStringContainsString( '409', $result->get_error_message() );
		$this->assertSame( '', (string) get_option( 'dropship_connect_site_secret', '' ) );
	}

	public function test_a_return_without_a_pending_connection_says_to_start_again(): void {
		$result = ConnectFlow::claim( 1 );
		$this->assertWPError( $result );
		$this->assertSame( array(), Receiver::requests() );
	}

	public function test_a_connection_code_connects_the_site(): void {
		$this->nonce_request( Actions::CONNECT_CODE, array( 'connection_code' => " abcd-1234<script>\n" ) );

		$this->interrupt( array( Actions::class, 'connect_code' ) );

		$sent = Receiver::requests( '/bridge/v1/connect/code' );
		$this->assertCount( 1, $sent );
		$this->assertSame( array( 'code' => 'ABCD-1234SCRIPT', 'site_url' => 'http://shop.test' ), $sent[0]->json() );
		$this->assertSame( 'site_43', get_option( 'dropship_connect_site_id' ) );
		$this->assertSame( 'site-secret-from-code', get_option( 'dropship_connect_site_secret' ) );
		global $wpdb;
		$this->assertSame( 'no', $wpdb->get_var( "SELECT autoload FROM {$wpdb->options} WHERE option_name = 'dropship_connect_site_secret'" ), 'the secret is not autoloaded' );
	}

	public function test_a_spent_or_expired_code_is_explained(): void {
		Receiver::respond( '/bridge/v1/connect/code', 409 );
		$this->assertStringContainsString( 'already been used', ConnectFlow::connect_with_code( 'CODE' )->get_error_message() );
		Receiver::respond( '/bridge/v1/connect/code', 410 );
		$this->assertStringContainsString( 'expired', ConnectFlow::connect_with_code( 'CODE' )->get_error_message() );
		$this->assertSame( '', (string) get_option( 'dropship_connect_site_id', '' ) );
	}

	public function test_a_declined_authorization_claims_nothing(): void {
		ConnectFlow::start( 1 );
		$_GET     = array( 'page' => 'dropship-connect', 'dropship_connect_return' => '1', 'success' => '0', '_wpnonce' => wp_create_nonce( ConnectFlow::RETURN_NONCE ) );
		$_REQUEST = $_GET;

		$this->interrupt( array( Actions::class, 'handle_return' ) );

		$this->assertSame( array(), Receiver::requests( '/bridge/v1/connect/claim' ) );
	}

	private function assertWPError( $value ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
	}
}
