<?php
/**
 * Class autoloader: DropshipConnect\Foo\Bar lives in includes/Foo/Bar.php.
 *
 * Loaded by the main plugin file, by uninstall.php and by the billing-notice
 * must-use plugin, so it guards against being registered twice.
 *
 * @package DropshipConnect
 */

defined( 'ABSPATH' ) || exit;

if ( ! defined( 'DROPSHIP_CONNECT_AUTOLOADER' ) ) {
	define( 'DROPSHIP_CONNECT_AUTOLOADER', __DIR__ );

	spl_autoload_register(
		static function ( string $class_name ): void {
			$prefix = 'DropshipConnect\\';
			if ( 0 !== strpos( $class_name, $prefix ) ) {
				return;
			}
			$relative = substr( $class_name, strlen( $prefix ) );
			$file     = __DIR__ . '/' . str_replace( '\\', '/', $relative ) . '.php';
			if ( is_readable( $file ) ) {
				require_once $file;
			}
		}
	);
}
