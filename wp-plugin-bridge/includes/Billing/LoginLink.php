<?php
/**
 * A single-use sign-in link to the account area (POST /bridge/v1/login-link).
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Billing;

use DropshipConnect\Platform\Client;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The link opens Settings → Store management, where only the authenticated account
 * owner can cancel: nothing in the plugin cancels anything.
 */
final class LoginLink {

	public const PATH = '/bridge/v1/login-link';

	/**
	 * @return string|WP_Error The URL to open.
	 */
	public static function create() {
		$response = Client::from_options()->post_signed( self::PATH, array() );
		if ( ! $response->ok() ) {
			return new WP_Error(
				'dropship_connect_login_link',
				/* translators: %s: what the platform answered */
				sprintf( __( 'The platform could not create a sign-in link (%s). Sign in to your account and open Settings → Store management.', 'dropship-connect' ), $response->describe() )
			);
		}
		$url = esc_url_raw( $response->field( 'url' ), array( 'https', 'http' ) );
		if ( '' === $url ) {
			return new WP_Error( 'dropship_connect_login_link', __( 'The platform answered without a valid sign-in link.', 'dropship-connect' ) );
		}
		return $url;
	}
}
