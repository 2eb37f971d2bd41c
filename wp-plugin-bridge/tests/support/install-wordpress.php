<?php
/**
 * Installs WordPress into the empty test database named by the test wp-config.
 * Usage: php install-wordpress.php /path/to/wp-config.php
 */

$config = $argv[1] ?? '';
if ( '' === $config || ! is_readable( $config ) ) {
	fwrite( STDERR, "install-wordpress.php: wp-config path missing or unreadable: {$config}\n" );
	exit( 2 );
}

define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = 'shop.test';
$_SERVER['SERVER_NAME'] = 'shop.test';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

require $config;
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// No mail and no network while installing (wp_install probes permalinks over HTTP).
add_filter( 'pre_wp_mail', '__return_false' );
add_filter( 'pre_http_request', static fn () => new WP_Error( 'offline', 'No network while installing.' ) );

$result = wp_install( 'Dropship test shop', 'admin', 'admin@shop.test', false, '', 'admin-password' );
if ( empty( $result['user_id'] ) ) {
	fwrite( STDERR, "install-wordpress.php: wp_install() did not create the admin user\n" );
	exit( 1 );
}
echo 'WordPress ' . get_bloginfo( 'version' ) . ' installed in database ' . DB_NAME . "\n";
