<?php
/**
 * Base for tests against the real WordPress: resets the plugin's state and the receiver.
 */

namespace DropshipConnect\Tests;

use PHPUnit\Framework\TestCase;

abstract class WordPressTestCase extends TestCase {

	public const PLUGIN = 'dropship-connect/dropship-connect.php';
	public const SITE_ID = 'site_test_1';
	public const SECRET  = 'test-site-secret';

	protected function setUp(): void {
		parent::setUp();
		wp_set_current_user( 1 );
		if ( is_plugin_active( self::PLUGIN ) ) {
			deactivate_plugins( self::PLUGIN, true );
		}
		$this->wipe_plugin_data();
		Receiver::reset();
		update_option( 'dropship_connect_platform_url', Receiver::url() );
		$_GET = $_POST = $_REQUEST = array();
	}

	protected function tearDown(): void {
		foreach ( array( 'wp_redirect', 'wp_die_handler', 'wp_die_ajax_handler', 'wp_doing_ajax' ) as $hook ) {
			remove_all_filters( $hook );
		}
		$_GET = $_POST = $_REQUEST = array();
		parent::tearDown();
	}

	protected function wipe_plugin_data(): void {
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'dropship\\_connect\\_%' OR option_name LIKE '\\_transient\\_dropship\\_connect\\_%' OR option_name LIKE '\\_transient\\_timeout\\_dropship\\_connect\\_%'" );
		wp_cache_flush();
		foreach ( array( 'dropship_connect_heartbeat', 'dropship_connect_retry_outbox' ) as $hook ) {
			wp_clear_scheduled_hook( $hook );
		}
		@unlink( WPMU_PLUGIN_DIR . '/dropship-connect-billing-notice.php' );
	}

	protected function activate(): void {
		$result = activate_plugin( self::PLUGIN );
		$this->assertNull( $result, is_wp_error( $result ) ? $result->get_error_message() : '' );
		$this->assertTrue( is_plugin_active( self::PLUGIN ) );
	}

	/** Credentials as a finished connection leaves them. */
	protected function connect_site(): void {
		update_option( 'dropship_connect_site_id', self::SITE_ID, false );
		update_option( 'dropship_connect_site_secret', self::SECRET, false );
	}

	/**
	 * Checks the four headers and the signature of a logged request.
	 */
	protected function assertSigned( SignedRequest $request, string $secret = self::SECRET, string $site_id = self::SITE_ID ): void {
		$this->assertSame( $site_id, $request->header( 'X-Dropship-Site' ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $request->header( 'X-Dropship-Event-Id' ) );
		$this->assertLessThanOrEqual( 300, abs( time() - (int) $request->header( 'X-Dropship-Timestamp' ) ) );
		$this->assertStringStartsWith( 'v1=', $request->header( 'X-Dropship-Signature' ) );
		$this->assertTrue( $request->signature_is_valid( $secret ), 'signature does not verify: ' . $request->header( 'X-Dropship-Signature' ) );
	}

	/**
	 * Runs code that ends with a redirect or wp_die(), and reports which.
	 */
	protected function interrupt( callable $action, bool $ajax = false ): Interrupted {
		add_filter(
			'wp_redirect',
			static function ( $location, $status ) {
				throw new Interrupted( 'redirect', (string) $location, (int) $status );
			},
			1,
			2
		);
		$die = static function () {
			return static function ( $message, $title = '', $args = array() ) {
				$status = is_array( $args ) && isset( $args['response'] ) ? (int) $args['response'] : 500;
				throw new Interrupted( 'die', is_scalar( $message ) ? (string) $message : '', $status );
			};
		};
		add_filter( 'wp_die_handler', $die );
		add_filter( 'wp_die_ajax_handler', $die );
		if ( $ajax ) {
			add_filter( 'wp_doing_ajax', '__return_true' );
		}
		try {
			$action();
		} catch ( Interrupted $interrupted ) {
			return $interrupted;
		}
		$this->fail( 'expected a redirect or wp_die()' );
	}

	/**
	 * Like interrupt() for AJAX handlers, returning the JSON they printed.
	 *
	 * @return array{0:Interrupted,1:array<string,mixed>|null,2:string}
	 */
	protected function ajax( callable $action ): array {
		ob_start();
		try {
			$interrupted = $this->interrupt( $action, true );
		} finally {
			$output = (string) ob_get_clean();
		}
		return array( $interrupted, json_decode( $output, true ), $output );
	}

	protected function create_user( string $role ): int {
		$login = $role . '_' . wp_generate_password( 6, false );
		$id    = wp_insert_user( array( 'user_login' => $login, 'user_pass' => wp_generate_password(), 'user_email' => $login . '@shop.test', 'role' => $role ) );
		$this->assertIsInt( $id );
		return $id;
	}

	protected function nonce_request( string $action, array $fields = array() ): void {
		$_POST    = array( '_wpnonce' => wp_create_nonce( $action ) ) + $fields;
		$_REQUEST = $_POST;
	}

	/**
	 * Runs support/request.php in a fresh PHP process: a new WordPress request.
	 *
	 * @param string[] $args
	 */
	protected function fresh_request( string $scenario, array $args = array(), int $user_id = 1 ): string {
		// The database is shared; this process's object cache must not hide what the other one wrote.
		$command = 'DROPSHIP_TEST_USER=' . $user_id . ' ' . escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( __DIR__ . '/request.php' ) . ' ' . escapeshellarg( $scenario );
		foreach ( $args as $arg ) {
			$command .= ' ' . escapeshellarg( $arg );
		}
		exec( $command . ' 2>&1', $lines, $status );
		wp_cache_flush();
		$output = implode( "\n", $lines );
		$this->assertNotSame( 255, $status, "fatal error in a fresh request:\n" . $output );
		return $output;
	}
}
