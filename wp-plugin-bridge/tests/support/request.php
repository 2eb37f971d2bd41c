<?php
/**
 * One fresh WordPress admin request in its own PHP process, as a browser would cause:
 * must-use plugins and active plugins load from disk and the database, nothing else.
 * Usage: php request.php <scenario> [arg]; prints what the scenario produces.
 */

$_SERVER['HTTP_HOST']       = 'shop.test';
$_SERVER['SERVER_NAME']     = 'shop.test';
$_SERVER['REQUEST_URI']     = '/wp-admin/plugins.php';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REQUEST_METHOD']  = 'POST';
define( 'WP_ADMIN', true );

require getenv( 'DROPSHIP_TEST_WP_CONFIG' );
require_once ABSPATH . 'wp-admin/includes/admin.php';
add_filter( 'pre_wp_mail', '__return_false' );
wp_set_current_user( (int) ( getenv( 'DROPSHIP_TEST_USER' ) ?: 1 ) );
add_filter(
	'wp_redirect',
	static function ( $location ) {
		echo 'REDIRECT ' . $location;
		return $location;
	}
);

$scenario = $argv[1] ?? '';
switch ( $scenario ) {
	case 'state':
		echo json_encode(
			array(
				'main_file_loaded' => defined( 'DROPSHIP_CONNECT_VERSION' ),
				'notice_loaded'    => function_exists( 'dropship_connect_billing_notice_render' ),
			)
		);
		break;
	case 'notices':
		set_current_screen( $argv[2] ?? 'plugins' );
		do_action( 'admin_notices' );
		break;
	case 'notice-admin-init':
		dropship_connect_billing_notice_admin_init();
		echo 'DONE';
		break;
	case 'admin-post':
		$_POST    = json_decode( (string) ( $argv[3] ?? '{}' ), true );
		$_REQUEST = $_POST;
		do_action( 'admin_post_' . $argv[2] );
		echo 'DONE';
		break;
	case 'uninstall':
		$started = microtime( true );
		uninstall_plugin( 'dropship-connect/dropship-connect.php' );
		echo json_encode( array( 'uninstalled' => true, 'seconds' => microtime( true ) - $started ) );
		break;
	default:
		fwrite( STDERR, "unknown scenario {$scenario}\n" );
		exit( 2 );
}
