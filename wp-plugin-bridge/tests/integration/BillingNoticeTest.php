<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Admin\DeactivateDialog;
use DropshipConnect\Lifecycle\Outbox;
use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;

final class BillingNoticeTest extends WordPressTestCase {

	private const MU_FILE = 'dropship-connect-billing-notice.php';

	protected function tearDown(): void {
		set_current_screen( 'front' );
		parent::tearDown();
	}

	public function test_the_deactivate_dialog_says_billing_continues_and_never_offers_to_cancel(): void {
		$this->connect_site();
		$this->activate();
		delete_transient( 'dropship_connect_subscription' );
		set_current_screen( 'plugins' );

		ob_start();
		do_action( 'admin_footer-plugins.php' );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'id="' . DeactivateDialog::ELEMENT_ID . '"', $html );
		$this->assertMatchesRegularExpression( '/role="dialog"[^>]*aria-modal="true"[^>]*aria-labelledby="dropship-connect-dialog-title"/', $html );
		$this->assertStringContainsString( ' hidden>', $html );
		$this->assertStringContainsString( 'does NOT cancel your monthly subscription', $html );
		$this->assertStringContainsString( 'Next charge: December 1, 2026.', $html );
		$this->assertStringContainsString( 'Manage subscription', $html );
		$this->assertStringContainsString( '<textarea id="dropship-connect-reason"', $html );
		$this->assertStringNotContainsString( 'Cancel subscription', $html );
		$this->assertSigned( Receiver::requests( '/bridge/v1/subscription' )[0] );
	}

	public function test_the_subscription_answer_is_cached_briefly(): void {
		$this->connect_site();
		$this->activate();
		delete_transient( 'dropship_connect_subscription' );
		ob_start();
		DeactivateDialog::render();
		DeactivateDialog::render();
		ob_end_clean();
		$this->assertCount( 1, Receiver::requests( '/bridge/v1/subscription' ) );
	}

	public function test_the_dialog_script_and_style_are_enqueued_on_plugins_php_only(): void {
		$this->activate();
		DeactivateDialog::enqueue( 'index.php' );
		$this->assertFalse( wp_script_is( 'dropship-connect-admin', 'enqueued' ) );

		DeactivateDialog::enqueue( 'plugins.php' );

		$this->assertTrue( wp_script_is( 'dropship-connect-admin', 'enqueued' ) );
		$this->assertTrue( wp_style_is( 'dropship-connect-admin', 'enqueued' ) );
		$data = wp_scripts()->get_data( 'dropship-connect-admin', 'data' );
		$this->assertStringContainsString( '"pluginFile":"dropship-connect\/dropship-connect.php"', $data );
		$script = (string) file_get_contents( WP_PLUGIN_DIR . '/dropship-connect/assets/js/admin.js' );
		$this->assertStringContainsString( "'Escape'", $script );
		$this->assertStringContainsString( 'link.focus()', $script );
	}

	public function test_after_deactivation_a_must_use_notice_keeps_saying_the_subscription_is_billed(): void {
		$this->connect_site();
		$this->activate();

		deactivate_plugins( self::PLUGIN );

		$this->assertFileExists( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );
		$state = json_decode( $this->fresh_request( 'state' ), true );
		$this->assertFalse( $state['main_file_loaded'], 'the deactivated plugin does not run' );
		$this->assertTrue( $state['notice_loaded'] );

		$html = $this->fresh_request( 'notices', array( 'dashboard' ) );
		$this->assertStringContainsString( 'your monthly subscription is still active', $html );
		$this->assertStringContainsString( 'Deactivating or deleting the plugin does not cancel the subscription', $html );
		$this->assertStringContainsString( 'Next charge: December 1, 2026.', $html );
		$this->assertStringContainsString( 'value="dropship_connect_notice_manage"', $html );
		$this->assertStringContainsString( 'value="dropship_connect_notice_dismiss"', $html );
	}

	public function test_the_notice_is_for_administrators_only(): void {
		$this->connect_site();
		$this->activate();
		deactivate_plugins( self::PLUGIN );
		$this->assertStringNotContainsString( 'still active', $this->fresh_request( 'notices', array( 'dashboard' ), $this->create_user( 'editor' ) ) );
	}

	public function test_dismissing_needs_a_nonce_then_removes_the_notice_and_its_file(): void {
		$this->connect_site();
		$this->activate();
		deactivate_plugins( self::PLUGIN );

		$this->fresh_request( 'admin-post', array( 'dropship_connect_notice_dismiss', '{}' ) );
		$this->assertFileExists( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );
		$this->assertNotFalse( get_option( 'dropship_connect_billing_notice' ) );

		$output = $this->fresh_request( 'admin-post', array( 'dropship_connect_notice_dismiss', json_encode( array( '_wpnonce' => wp_create_nonce( 'dropship_connect_notice_dismiss' ) ) ) ) );

		$this->assertStringContainsString( 'REDIRECT', $output );
		$this->assertFileDoesNotExist( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );
		$this->assertFalse( get_option( 'dropship_connect_billing_notice' ) );
	}

	public function test_manage_subscription_from_the_notice_redirects_to_a_fresh_sign_in_link(): void {
		$this->connect_site();
		$this->activate();
		deactivate_plugins( self::PLUGIN );
		Receiver::reset();

		$output = $this->fresh_request( 'admin-post', array( 'dropship_connect_notice_manage', json_encode( array( '_wpnonce' => wp_create_nonce( 'dropship_connect_notice_manage' ) ) ) ) );

		$this->assertStringContainsString( 'REDIRECT ' . Receiver::url() . '/account/login?token=single-use-token', $output );
		$this->assertSigned( Receiver::requests( '/bridge/v1/login-link' )[0] );
	}

	public function test_reactivating_the_plugin_removes_the_must_use_notice(): void {
		$this->connect_site();
		$this->activate();
		deactivate_plugins( self::PLUGIN );
		$this->assertFileExists( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );

		$this->activate();

		$this->assertFileDoesNotExist( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );
		$this->assertFalse( get_option( 'dropship_connect_billing_notice' ) );
	}

	public function test_no_notice_when_the_platform_says_the_site_is_no_longer_billed(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 200, array( 'accepted' => true, 'duplicate' => false, 'store_state' => 'disconnected', 'subscription' => array( 'status' => 'cancelled', 'still_billed' => false ) ) );

		deactivate_plugins( self::PLUGIN );

		$this->assertFileDoesNotExist( WPMU_PLUGIN_DIR . '/' . self::MU_FILE );
	}

	public function test_a_deactivation_the_platform_missed_is_delivered_by_the_notice_while_the_plugin_is_inactive(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 503 );
		deactivate_plugins( self::PLUGIN );
		$this->assertCount( 1, Outbox::entries() );
		$occurrence = Outbox::entries()[0]['occurrence_id'];
		Receiver::reset();

		$this->fresh_request( 'notice-admin-init' );

		$this->assertSame( array(), Outbox::entries() );
		$sent = Receiver::requests( '/bridge/v1/events' );
		$this->assertCount( 1, $sent );
		$this->assertSame( $occurrence, $sent[0]->json()['occurrence_id'] );
		$this->assertSigned( $sent[0] );
	}
}
