<?php
/**
 * Runs when the plugin is deleted from wp-admin; the main plugin file is not loaded.
 *
 * @package DropshipConnect
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

\DropshipConnect\Lifecycle\Uninstaller::uninstall();
