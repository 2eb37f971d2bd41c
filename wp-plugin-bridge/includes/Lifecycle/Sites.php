<?php
/**
 * Runs a per-site callback on one site or every site of a network.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Lifecycle;

defined( 'ABSPATH' ) || exit;

/**
 * Each site of a network has its own connection, options and cron events.
 */
final class Sites {

	/**
	 * @param bool     $all_sites Run on every site of the network (network (de)activation, uninstall).
	 * @param callable $callback  Runs with the site switched in.
	 */
	public static function each( bool $all_sites, callable $callback ): void {
		if ( ! $all_sites || ! is_multisite() ) {
			$callback();
			return;
		}
		foreach ( self::ids() as $site_id ) {
			switch_to_blog( $site_id );
			try {
				$callback();
			} finally {
				restore_current_blog();
			}
		}
	}

	/**
	 * @return int[]
	 */
	public static function ids(): array {
		if ( ! is_multisite() ) {
			return array( get_current_blog_id() );
		}
		return array_map( 'intval', get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) );
	}
}
