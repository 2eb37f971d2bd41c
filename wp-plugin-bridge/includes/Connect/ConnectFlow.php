<?php
/**
 * Connecting the site to the platform ("Connecting" in docs/bridge-protocol.md).
 *
 * @package DropshipConnect
 */

namespace DropshipConnect\Connect;

use DropshipConnect\Lifecycle\Heartbeat;
use DropshipConnect\Options;
use DropshipConnect\Platform\Client;
use DropshipConnect\Platform\Response;
use DropshipConnect\WooCommerce\Integration;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The claim secret is kept server-side in a per-user transient between the start and the
 * claim; neither it nor the site secret ever appears in a URL.
 */
final class ConnectFlow {

	public const START_PATH = '/bridge/v1/connect/start';
	public const CLAIM_PATH = '/bridge/v1/connect/claim';
	public const CODE_PATH  = '/bridge/v1/connect/code';
	public const CALLBACK   = '/woocommerce/auth/callback';

	public const RETURN_NONCE = 'dropship_connect_return';
	public const PENDING_TTL  = 15 * MINUTE_IN_SECONDS;

	/** Keys of the platform's authorize_params the plugin passes on; user_id is always the state. */
	private const PASSED_PARAMS = array( 'app_name', 'scope', 'return_url', 'callback_url' );

	/**
	 * Step 1: ask the platform for a connection, remember it for this user, and build the
	 * URL of the site's own WooCommerce authorize screen.
	 *
	 * @return string|WP_Error
	 */
	public static function start( int $user_id ) {
		$return_url = self::return_url();
		$response   = self::client()->post_unsigned(
			self::START_PATH,
			array(
				'site_url'    => home_url(),
				'admin_email' => (string) get_option( 'admin_email' ),
				'return_url'  => $return_url,
			)
		);
		$missing = self::missing_fields( $response, array( 'connection_id', 'claim_secret', 'state' ) );
		if ( null !== $missing ) {
			return $missing;
		}
		set_transient(
			Options::T_PENDING_CONNECT . $user_id,
			array(
				'connection_id' => $response->field( 'connection_id' ),
				'claim_secret'  => $response->field( 'claim_secret' ),
			),
			self::PENDING_TTL
		);
		$params = is_array( $response->body['authorize_params'] ?? null ) ? $response->body['authorize_params'] : array();
		return self::authorize_url( $response->field( 'state' ), $params, $return_url );
	}

	/**
	 * The /wc-auth/v1/authorize URL: the platform may name the app, but scope stays
	 * read_write unless it asks for a valid WooCommerce scope and user_id is always the state.
	 *
	 * @param array<string,mixed> $authorize_params
	 */
	public static function authorize_url( string $state, array $authorize_params, string $return_url ): string {
		$query = array(
			'app_name'     => Options::APP_NAME,
			'scope'        => 'read_write',
			'user_id'      => $state,
			'return_url'   => $return_url,
			'callback_url' => Options::platform_url() . self::CALLBACK,
		);
		foreach ( self::PASSED_PARAMS as $key ) {
			if ( isset( $authorize_params[ $key ] ) && is_string( $authorize_params[ $key ] ) && '' !== $authorize_params[ $key ] ) {
				$query[ $key ] = $authorize_params[ $key ];
			}
		}
		if ( ! in_array( $query['scope'], array( 'read', 'write', 'read_write' ), true ) ) {
			$query['scope'] = 'read_write';
		}
		return add_query_arg( array_map( 'rawurlencode', $query ), Integration::authorize_endpoint() );
	}

	/**
	 * Step 4: back from WooCommerce, exchange the pending connection for the site credentials.
	 *
	 * @return true|WP_Error
	 */
	public static function claim( int $user_id ) {
		$pending = get_transient( Options::T_PENDING_CONNECT . $user_id );
		if ( ! is_array( $pending ) || empty( $pending['connection_id'] ) || empty( $pending['claim_secret'] ) ) {
			return new WP_Error( 'dropship_connect_no_pending', __( 'No connection is waiting to be finished (it expires after 15 minutes). Click “Connect” again.', 'dropship-connect' ) );
		}
		$response = self::client()->post_unsigned(
			self::CLAIM_PATH,
			array(
				'connection_id' => (string) $pending['connection_id'],
				'claim_secret'  => (string) $pending['claim_secret'],
			)
		);
		delete_transient( Options::T_PENDING_CONNECT . $user_id );
		return self::store_credentials( $response );
	}

	/**
	 * Fallback: a one-time connection code created in the account area.
	 *
	 * @return true|WP_Error
	 */
	public static function connect_with_code( string $code ) {
		if ( '' === $code ) {
			return new WP_Error( 'dropship_connect_code', __( 'Enter the connection code shown in your account.', 'dropship-connect' ) );
		}
		$response = self::client()->post_unsigned(
			self::CODE_PATH,
			array(
				'code'     => $code,
				'site_url' => home_url(),
			)
		);
		if ( 409 === $response->status ) {
			return new WP_Error( 'dropship_connect_code', __( 'This connection code has already been used. Create a new one in your account.', 'dropship-connect' ) );
		}
		if ( 410 === $response->status ) {
			return new WP_Error( 'dropship_connect_code', __( 'This connection code has expired. Create a new one in your account.', 'dropship-connect' ) );
		}
		return self::store_credentials( $response );
	}

	/** Where WooCommerce sends the owner back; the nonce ties the return to this admin. */
	public static function return_url(): string {
		return add_query_arg(
			array(
				'page'                     => 'dropship-connect',
				'dropship_connect_return'  => '1',
				'_wpnonce'                 => wp_create_nonce( self::RETURN_NONCE ),
			),
			admin_url( 'admin.php' )
		);
	}

	/**
	 * @return true|WP_Error
	 */
	private static function store_credentials( Response $response ) {
		$missing = self::missing_fields( $response, array( 'site_id', 'site_secret' ) );
		if ( null !== $missing ) {
			return $missing;
		}
		Options::save_credentials( $response->field( 'site_id' ), $response->field( 'site_secret' ) );
		delete_transient( Options::T_SUBSCRIPTION );
		self::after_connect();
		return true;
	}

	/**
	 * A fresh connection is the store's activation as far as the platform is concerned, so
	 * no `activated` event is sent for activations that happened before it; a heartbeat
	 * tells the platform the versions at once and starts the daily schedule.
	 */
	private static function after_connect(): void {
		Heartbeat::schedule();
		Heartbeat::run();
	}

	/**
	 * @param string[] $fields
	 */
	private static function missing_fields( Response $response, array $fields ): ?WP_Error {
		if ( ! $response->ok() ) {
			/* translators: %s: what the platform answered */
			return new WP_Error( 'dropship_connect_platform', sprintf( __( 'The platform refused the request: %s', 'dropship-connect' ), $response->describe() ) );
		}
		foreach ( $fields as $field ) {
			if ( '' === $response->field( $field ) ) {
				/* translators: %s: name of the missing field */
				return new WP_Error( 'dropship_connect_platform', sprintf( __( 'The platform answered without “%s”.', 'dropship-connect' ), $field ) );
			}
		}
		return null;
	}

	private static function client(): Client {
		return new Client( Options::platform_url() );
	}
}
