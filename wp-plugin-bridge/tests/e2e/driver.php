<?php
/**
 * Drives the plugin inside the real WordPress prepared by prepare-wordpress.sh, one
 * fresh WordPress admin request per call, as a browser or WP-Cron would cause.
 * Usage: DROPSHIP_TEST_WP_CONFIG=/path/wp-config.php php driver.php <step> [arg]
 * Prints one JSON object: what the step did and the plugin's options afterwards.
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
foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $dropship_check ) {
	remove_action( 'admin_init', $dropship_check );
}
wp_set_current_user( 1 );

const DROPSHIP_PLUGIN = 'dropship-connect/dropship-connect.php';

/** Every option and transient of the plugin still in the database. */
function dropship_options(): array {
	global $wpdb;
	return $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%dropship\\_connect\\_%' ORDER BY option_name" );
}

function dropship_classes(): void {
	require_once WP_PLUGIN_DIR . '/dropship-connect/includes/autoload.php';
}

$step   = $argv[1] ?? '';
$arg    = $argv[2] ?? '';
$result = array();
switch ( $step ) {
	case 'set-platform-url':
		update_option( 'dropship_connect_platform_url', $arg );
		break;
	case 'activate':
		$outcome            = activate_plugin( DROPSHIP_PLUGIN );
		$result['active']   = is_plugin_active( DROPSHIP_PLUGIN );
		$result['error']    = is_wp_error( $outcome ) ? $outcome->get_error_message() : null;
		break;
	case 'connect-code':
		dropship_classes();
		$outcome          = \DropshipConnect\Connect\ConnectFlow::connect_with_code( $arg );
		$result['error']  = is_wp_error( $outcome ) ? $outcome->get_error_message() : null;
		$result['site_id'] = (string) get_option( 'dropship_connect_site_id', '' );
		break;
	case 'deactivate':
		deactivate_plugins( DROPSHIP_PLUGIN );
		$result['active'] = is_plugin_active( DROPSHIP_PLUGIN );
		break;
	case 'flush':
		// What the next admin page load or the retry cron does with queued events.
		dropship_classes();
		\DropshipConnect\Lifecycle\EventSender::flush();
		break;
	case 'heartbeat':
		dropship_classes();
		$response         = \DropshipConnect\Lifecycle\Heartbeat::run();
		$result['status'] = $response ? $response->status : null;
		break;
	case 'subscription':
		dropship_classes();
		$result['subscription'] = \DropshipConnect\Billing\SubscriptionStatus::get( true );
		break;
	case 'login-link':
		dropship_classes();
		$outcome         = \DropshipConnect\Billing\LoginLink::create();
		$result['url']   = is_wp_error( $outcome ) ? null : $outcome;
		$result['error'] = is_wp_error( $outcome ) ? $outcome->get_error_message() : null;
		break;
	case 'uninstall':
		uninstall_plugin( DROPSHIP_PLUGIN );
		break;
	case 'state':
		break;
	default:
		fwrite( STDERR, "driver.php: unknown step {$step}\n" );
		exit( 2 );
}
wp_cache_flush();
$result['step']    = $step;
$result['options'] = dropship_options();
$result['outbox']  = array();
if ( is_readable( WP_PLUGIN_DIR . '/dropship-connect/includes/autoload.php' ) ) {
	dropship_classes();
	$result['outbox'] = array_map( static fn ( array $entry ): string => $entry['type'], \DropshipConnect\Lifecycle\Outbox::entries() );
}
echo wp_json_encode( $result );
