<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Admin\Actions;
use DropshipConnect\Admin\Flash;
use DropshipConnect\Admin\SettingsPage;
use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;

final class AdminSecurityTest extends WordPressTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->activate();
		Receiver::reset();
	}

	/**
	 * @return array<string,array{0:callable,1:string}>
	 */
	public function admin_post_actions(): array {
		return array(
			'save settings'   => array( array( Actions::class, 'save_settings' ), Actions::SAVE_SETTINGS ),
			'start connect'   => array( array( Actions::class, 'start_connect' ), Actions::START_CONNECT ),
			'connection code' => array( array( Actions::class, 'connect_code' ), Actions::CONNECT_CODE ),
		);
	}

	/**
	 * @dataProvider admin_post_actions
	 */
	public function test_an_admin_action_without_a_nonce_is_refused_and_changes_nothing( callable $handler ): void {
		$_POST    = array( 'platform_url' => 'https://evil.example', 'connection_code' => 'X' );
		$_REQUEST = $_POST;

		$refused = $this->interrupt( $handler );

		$this->assertSame( 'die', $refused->kind );
		$this->assertSame( 403, $refused->status );
		$this->assertSame( array(), Receiver::requests() );
		$this->assertSame( Receiver::url(), get_option( 'dropship_connect_platform_url' ) );
	}

	/**
	 * @dataProvider admin_post_actions
	 */
	public function test_an_admin_action_by_a_user_without_the_capability_is_refused( callable $handler, string $nonce_action ): void {
		wp_set_current_user( $this->create_user( 'editor' ) );
		$this->nonce_request( $nonce_action, array( 'platform_url' => 'https://evil.example', 'connection_code' => 'X' ) );

		$refused = $this->interrupt( $handler );

		$this->assertSame( 'die', $refused->kind );
		$this->assertSame( 403, $refused->status );
		$this->assertSame( array(), Receiver::requests() );
		$this->assertSame( Receiver::url(), get_option( 'dropship_connect_platform_url' ) );
	}

	public function test_the_platform_url_is_sanitised_before_it_is_saved(): void {
		$this->nonce_request( Actions::SAVE_SETTINGS, array( 'platform_url' => '  HTTPS://Platform.Example.com:8443/base/?x=<b>#frag ' ) );
		$this->interrupt( array( Actions::class, 'save_settings' ) );
		$this->assertSame( 'https://platform.example.com:8443/base', get_option( 'dropship_connect_platform_url' ) );

		$this->nonce_request( Actions::SAVE_SETTINGS, array( 'platform_url' => 'javascript:alert(1)' ) );
		$this->interrupt( array( Actions::class, 'save_settings' ) );
		$this->assertSame( 'https://platform.example.com:8443/base', get_option( 'dropship_connect_platform_url' ) );
	}

	public function test_the_login_link_needs_a_nonce_and_the_capability(): void {
		$this->connect_site();

		[ $no_nonce ] = $this->ajax( array( Actions::class, 'login_link' ) );
		$this->assertSame( 403, $no_nonce->status );

		wp_set_current_user( $this->create_user( 'author' ) );
		$_REQUEST = array( '_ajax_nonce' => wp_create_nonce( Actions::LOGIN_LINK ) );
		[ , $json ] = $this->ajax( array( Actions::class, 'login_link' ) );
		$this->assertFalse( $json['success'] );
		$this->assertSame( 'You are not allowed to do this.', $json['data']['message'] );
		$this->assertSame( array(), Receiver::requests( '/bridge/v1/login-link' ) );
	}

	public function test_the_login_link_is_fetched_signed_and_returned(): void {
		$this->connect_site();
		$_REQUEST = array( '_ajax_nonce' => wp_create_nonce( Actions::LOGIN_LINK ) );

		[ , $json ] = $this->ajax( array( Actions::class, 'login_link' ) );

		$this->assertTrue( $json['success'] );
		$this->assertSame( Receiver::url() . '/account/login?token=single-use-token', $json['data']['url'] );
		$sent = Receiver::requests( '/bridge/v1/login-link' );
		$this->assertCount( 1, $sent );
		$this->assertSame( 'POST', $sent[0]->method );
		$this->assertSigned( $sent[0] );
	}

	public function test_the_deactivation_reason_is_stored_sanitised_for_the_current_user(): void {
		$_REQUEST = array( '_ajax_nonce' => wp_create_nonce( Actions::REASON ) );
		$_POST    = array( 'reason' => "<b>Too</b> expensive\n<script>alert(1)</script>" );

		[ , $json ] = $this->ajax( array( Actions::class, 'deactivation_reason' ) );

		$this->assertTrue( $json['success'] );
		$this->assertSame( 'Too expensive', get_transient( 'dropship_connect_reason_1' ) );
	}

	public function test_the_deactivation_reason_without_a_nonce_is_refused(): void {
		$_POST = array( 'reason' => 'x' );
		[ $refused ] = $this->ajax( array( Actions::class, 'deactivation_reason' ) );
		$this->assertSame( 403, $refused->status );
		$this->assertFalse( get_transient( 'dropship_connect_reason_1' ) );
	}

	public function test_the_plugin_page_escapes_what_it_shows(): void {
		update_option( 'dropship_connect_site_id', '<img src=x onerror=alert(1)>' );
		update_option( 'dropship_connect_site_secret', self::SECRET );
		Flash::add( 'error', '<script>alert("flash")</script>' );
		Receiver::respond( '/bridge/v1/subscription', 200, array( 'status' => '<b>active</b>', 'plan' => 'Monthly', 'price' => '€29.00', 'next_charge_at' => '2026-12-01T00:00:00Z', 'still_billed' => true ) );

		ob_start();
		SettingsPage::render();
		$html = (string) ob_get_clean();

		$this->assertStringNotContainsString( '<script>alert', $html );
		$this->assertStringNotContainsString( '<img src=x', $html );
		$this->assertStringContainsString( '&lt;img src=x onerror=alert(1)&gt;', $html );
		$this->assertStringContainsString( '&lt;script&gt;alert(&quot;flash&quot;)&lt;/script&gt;', $html );
		$this->assertStringContainsString( 'does NOT cancel your monthly subscription', $html );
		$this->assertStringContainsString( 'December 1, 2026', $html );
		$this->assertSigned( Receiver::requests( '/bridge/v1/subscription' )[0], self::SECRET, '<img src=x onerror=alert(1)>' );
	}

	public function test_the_plugin_page_renders_nothing_for_a_user_without_the_capability(): void {
		wp_set_current_user( $this->create_user( 'editor' ) );
		ob_start();
		SettingsPage::render();
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_the_connection_return_is_handled_when_the_plugin_page_loads(): void {
		SettingsPage::register_menu();
		$this->assertSame( SettingsPage::PAGE_HOOK, get_plugin_page_hookname( 'dropship-connect', '' ) );
		$this->assertNotFalse( has_action( 'load-' . SettingsPage::PAGE_HOOK, array( Actions::class, 'handle_return' ) ) );
	}
}
