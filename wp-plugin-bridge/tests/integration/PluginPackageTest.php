<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Tests\WordPressTestCase;

final class PluginPackageTest extends WordPressTestCase {

	public function test_the_main_file_declares_the_headers_wordpress_and_woocommerce_read(): void {
		$data = get_plugin_data( WP_PLUGIN_DIR . '/' . self::PLUGIN, false, false );
		$this->assertSame( 'Dropship Connect', $data['Name'] );
		$this->assertSame( '1.0.0', $data['Version'] );
		$this->assertSame( '6.1', $data['RequiresWP'] );
		$this->assertSame( '8.1', $data['RequiresPHP'] );
		$this->assertSame( 'dropship-connect', $data['TextDomain'] );
		$this->assertSame( '/languages', $data['DomainPath'] );
		$wc = get_file_data( WP_PLUGIN_DIR . '/' . self::PLUGIN, array( 'wc' => 'WC requires at least' ) );
		$this->assertNotSame( '', $wc['wc'] );
	}

	public function test_every_php_file_refuses_to_run_outside_wordpress(): void {
		$root  = WP_PLUGIN_DIR . '/dropship-connect';
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		$count = 0;
		foreach ( $files as $file ) {
			if ( 'php' !== $file->getExtension() ) {
				continue;
			}
			++$count;
			exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $file->getPathname() ) . ' 2>&1', $output, $status );
			$this->assertSame( 0, $status, $file->getPathname() );
			$this->assertSame( array(), $output, $file->getPathname() . ' printed something when run directly' );
			$output = array();
		}
		$this->assertGreaterThan( 20, $count );
	}

	public function test_activation_prints_nothing_and_the_plugin_loads_its_french_translation(): void {
		$this->activate();
		$locale = static fn () => 'fr_FR';
		add_filter( 'plugin_locale', $locale );
		unload_textdomain( 'dropship-connect' );
		try {
			\DropshipConnect\Plugin::load_textdomain();
			$this->assertSame( 'Gérer l’abonnement', __( 'Manage subscription', 'dropship-connect' ) );
			$this->assertSame( '3 événements attendent d’être transmis ; ils sont renvoyés automatiquement.', sprintf( _n( '%d event is waiting to be delivered; it is retried automatically.', '%d events are waiting to be delivered; they are retried automatically.', 3, 'dropship-connect' ), 3 ) );
		} finally {
			remove_filter( 'plugin_locale', $locale );
			unload_textdomain( 'dropship-connect' );
		}
	}
}
