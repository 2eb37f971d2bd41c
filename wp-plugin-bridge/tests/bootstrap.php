<?php
/**
 * Loads the real WordPress prepared by tests/run.sh, in admin context, as user 1.
 */

foreach ( array( 'DROPSHIP_TEST_WP_CONFIG', 'DROPSHIP_TEST_RECEIVER_URL', 'DROPSHIP_RECEIVER_DIR' ) as $dropship_var ) {
	if ( false === getenv( $dropship_var ) || '' === getenv( $dropship_var ) ) {
		fwrite( STDERR, "{$dropship_var} is not set: run the tests through tests/run.sh, which prepares WordPress and the receiver.\n" );
		exit( 1 );
	}
}

$_SERVER['HTTP_HOST']       = 'shop.test';
$_SERVER['SERVER_NAME']     = 'shop.test';
$_SERVER['REQUEST_URI']     = '/wp-admin/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REQUEST_METHOD']  = 'GET';

define( 'WP_ADMIN', true );

require getenv( 'DROPSHIP_TEST_WP_CONFIG' );
require_once ABSPATH . 'wp-admin/includes/admin.php';

add_filter( 'pre_wp_mail', '__return_false' );
// Core's update checks run on admin_init and would call wordpress.org.
foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $dropship_check ) {
	remove_action( 'admin_init', $dropship_check );
}
wp_set_current_user( 1 );

require_once __DIR__ . '/support/Receiver.php';
require_once __DIR__ . '/support/SignedRequest.php';
require_once __DIR__ . '/support/Interrupted.php';
require_once __DIR__ . '/support/WordPressTestCase.php';

// The plugin's classes, from the copy WordPress sees, for tests that use them directly.
require_once WP_PLUGIN_DIR . '/dropship-connect/includes/autoload.php';
