<?php
/**
 * Plugin Name:       Dropship Connect
 * Plugin URI:        https://wordpress.org/plugins/dropship-connect/
 * Description:       Connects a WooCommerce store to the Dropship Connect platform, reports the plugin's lifecycle and shows the state of the platform subscription.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Dropship Connect
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       dropship-connect
 * Domain Path:       /languages
 * WC requires at least: 7.0
 * WC tested up to:   9.4
 *
 * @package DropshipConnect
 */

defined( 'ABSPATH' ) || exit;

define( 'DROPSHIP_CONNECT_VERSION', '1.0.0' );
define( 'DROPSHIP_CONNECT_FILE', __FILE__ );

require_once __DIR__ . '/includes/autoload.php';

// WordPress only honours these two when they are called from the main plugin file itself.
register_activation_hook( __FILE__, array( \DropshipConnect\Lifecycle\Activator::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( \DropshipConnect\Lifecycle\Deactivator::class, 'deactivate' ) );

\DropshipConnect\Plugin::instance()->register_hooks();
