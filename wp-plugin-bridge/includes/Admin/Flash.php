<?php
/**
 * One-shot messages shown on the plugin page after a redirect.
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Admin;

use DropshipConnect\Options;

defined( 'ABSPATH' ) || exit;

/**
 * Per-user transient, so two administrators do not see each other's messages.
 */
final class Flash {

	public static function add( string $type, string $message ): void {
		$key        = Options::T_FLASH . get_current_user_id();
		$messages   = get_transient( $key );
		$messages   = is_array( $messages ) ? $messages : array();
		$messages[] = array(
			'type'    => in_array( $type, array( 'success', 'error', 'warning', 'info' ), true ) ? $type : 'info',
			'message' => $message,
		);
		set_transient( $key, $messages, 5 * MINUTE_IN_SECONDS );
	}

	/**
	 * @return list<array{type:string,message:string}>
	 */
	public static function take(): array {
		$key      = Options::T_FLASH . get_current_user_id();
		$messages = get_transient( $key );
		delete_transient( $key );
		return is_array( $messages ) ? array_values( $messages ) : array();
	}
}
