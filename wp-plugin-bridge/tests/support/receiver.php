<?php
/**
 * Stand-in for the platform's bridge API, run with `php -S 127.0.0.1:PORT receiver.php`.
 *
 * Logs every request (method, path, headers, raw body) as one JSON line to
 * $DROPSHIP_RECEIVER_DIR/requests.jsonl and answers with the protocol's documented
 * shapes, or with what $DROPSHIP_RECEIVER_DIR/responses.json says for that path:
 * {"/bridge/v1/events": {"status": 503, "body": {"error": "down"}}}.
 */

$dir = getenv( 'DROPSHIP_RECEIVER_DIR' );
if ( false === $dir || '' === $dir ) {
	http_response_code( 500 );
	echo 'DROPSHIP_RECEIVER_DIR is not set';
	return;
}

$path    = (string) parse_url( $_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH );
$method  = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$body    = (string) file_get_contents( 'php://input' );
$headers = array();
foreach ( getallheaders() as $name => $value ) {
	$headers[ strtolower( $name ) ] = $value;
}

$line = json_encode(
	array(
		'method'  => $method,
		'path'    => $path,
		'query'   => (string) ( $_SERVER['QUERY_STRING'] ?? '' ),
		'headers' => $headers,
		'body'    => $body,
		'time'    => time(),
	),
	JSON_UNESCAPED_SLASHES
) . "\n";
file_put_contents( $dir . '/requests.jsonl', $line, FILE_APPEND | LOCK_EX );

$base     = 'http://' . ( $_SERVER['HTTP_HOST'] ?? '127.0.0.1' );
$defaults = array(
	'/bridge/v1/events'        => array( 'accepted' => true, 'duplicate' => false, 'store_state' => 'connected', 'subscription' => array( 'status' => 'active', 'plan' => 'Monthly', 'price' => '€29.00', 'next_charge_at' => '2026-12-01T00:00:00Z', 'billing_ends_at' => null, 'still_billed' => true ) ),
	'/bridge/v1/heartbeat'     => array( 'ok' => true ),
	'/bridge/v1/subscription'  => array( 'status' => 'active', 'plan' => 'Monthly', 'price' => '€29.00', 'next_charge_at' => '2026-12-01T00:00:00Z', 'billing_ends_at' => null, 'still_billed' => true, 'store_state' => 'connected' ),
	'/bridge/v1/login-link'    => array( 'url' => $base . '/account/login?token=single-use-token', 'expires_at' => gmdate( 'Y-m-d\TH:i:s\Z', time() + 600 ) ),
	'/bridge/v1/connect/start' => array( 'connection_id' => 'conn_123', 'claim_secret' => 'claim-secret-xyz', 'state' => 'signed.state.token', 'authorize_params' => array( 'app_name' => 'Dropship Connect' ) ),
	'/bridge/v1/connect/claim' => array( 'site_id' => 'site_42', 'site_secret' => 'site-secret-from-claim' ),
	'/bridge/v1/connect/code'  => array( 'site_id' => 'site_43', 'site_secret' => 'site-secret-from-code' ),
);

$status = isset( $defaults[ $path ] ) ? 200 : 404;
$answer = $defaults[ $path ] ?? array( 'error' => 'not_found' );

$overrides = is_readable( $dir . '/responses.json' ) ? json_decode( (string) file_get_contents( $dir . '/responses.json' ), true ) : null;
if ( is_array( $overrides ) && isset( $overrides[ $path ] ) && is_array( $overrides[ $path ] ) ) {
	$status = (int) ( $overrides[ $path ]['status'] ?? 200 );
	$answer = $overrides[ $path ]['body'] ?? array();
}

http_response_code( $status );
header( 'Content-Type: application/json' );
echo json_encode( $answer, JSON_UNESCAPED_SLASHES );
