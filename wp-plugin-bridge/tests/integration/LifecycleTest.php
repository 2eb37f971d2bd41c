<?php

namespace DropshipConnect\Tests\Integration;

use DropshipConnect\Lifecycle\EventSender;
use DropshipConnect\Lifecycle\Outbox;
use DropshipConnect\Tests\Receiver;
use DropshipConnect\Tests\WordPressTestCase;

final class LifecycleTest extends WordPressTestCase {

	public function test_activating_a_connected_site_sends_a_signed_activated_event(): void {
		$this->connect_site();
		$this->activate();

		$events = Receiver::requests( '/bridge/v1/events' );
		$this->assertCount( 1, $events );
		$this->assertSame( 'POST', $events[0]->method );
		$this->assertSigned( $events[0] );
		$body = $events[0]->json();
		$this->assertSame( 'activated', $body['type'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f-]{36}$/', $body['occurrence_id'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/', $body['occurred_at'] );
		$this->assertSame( 'http://shop.test', $body['site_url'] );
		$this->assertSame( '1.0.0', $body['plugin_version'] );
		$this->assertSame( get_bloginfo( 'version' ), $body['wp_version'] );
		$this->assertArrayHasKey( 'wc_version', $body );
		$this->assertNull( $body['wc_version'] );
		$this->assertSame( array(), Outbox::entries() );
	}

	public function test_activating_before_any_connection_sends_nothing_and_notes_it_locally(): void {
		$this->activate();

		$this->assertSame( array(), Receiver::requests() );
		$this->assertSame( array(), Outbox::entries() );
		$log = get_option( 'dropship_connect_local_lifecycle' );
		$this->assertSame( 'activated', $log[0]['type'] );
		$this->assertFalse( $log[0]['sent'] );
	}

	public function test_deactivation_sends_the_reason_typed_in_the_dialog(): void {
		$this->connect_site();
		$this->activate();
		set_transient( 'dropship_connect_reason_1', 'Too expensive for now', 600 );
		Receiver::reset();

		deactivate_plugins( self::PLUGIN );

		$events = Receiver::requests( '/bridge/v1/events' );
		$this->assertCount( 1, $events );
		$this->assertSigned( $events[0] );
		$this->assertSame( 'deactivated', $events[0]->json()['type'] );
		$this->assertSame( 'Too expensive for now', $events[0]->json()['reason'] );
		$this->assertFalse( get_transient( 'dropship_connect_reason_1' ) );
		$this->assertFalse( is_plugin_active( self::PLUGIN ) );
		$this->assertFalse( wp_next_scheduled( 'dropship_connect_heartbeat' ) );
	}

	public function test_a_deactivation_while_the_platform_answers_503_is_queued_and_delivered_later_as_the_same_occurrence(): void {
		$this->connect_site();
		$this->activate();
		Receiver::reset();
		Receiver::respond( '/bridge/v1/events', 503, array( 'error' => 'maintenance' ) );

		deactivate_plugins( self::PLUGIN );

		$this->assertFalse( is_plugin_active( self::PLUGIN ), 'WordPress must finish deactivating' );
		$queued = Outbox::entries();
		$this->assertCount( 1, $queued );
		$this->assertSame( 'deactivated', $queued[0]['type'] );
		$this->assertSame( 1, $queued[0]['attempts'] );
		$this->assertStringContainsString( '503', $queued[0]['last_error'] );
		$first = Receiver::requests( '/bridge/v1/events' )[0];

		Receiver::restore( '/bridge/v1/events' );
		EventSender::flush();

		$this->assertSame( array(), Outbox::entries() );
		$attempts = Receiver::requests( '/bridge/v1/events' );
		$this->assertCount( 2, $attempts );
		$this->assertSigned( $attempts[1] );
		$this->assertSame( $first->json()['occurrence_id'], $attempts[1]->json()['occurrence_id'] );
		$this->assertSame( $first->json()['occurred_at'], $attempts[1]->json()['occurred_at'] );
		$this->assertNotSame( $first->header( 'X-Dropship-Event-Id' ), $attempts[1]->header( 'X-Dropship-Event-Id' ) );
	}

	public function test_a_platform_that_is_not_running_does_not_break_deactivation(): void {
		$this->connect_site();
		$this->activate();
		$closed = stream_socket_server( 'tcp://127.0.0.1:0' );
		$port   = (int) substr( (string) stream_socket_get_name( $closed, false ), strrpos( (string) stream_socket_get_name( $closed, false ), ':' ) + 1 );
		fclose( $closed );
		update_option( 'dropship_connect_platform_url', 'http://127.0.0.1:' . $port );

		$started = microtime( true );
		deactivate_plugins( self::PLUGIN );

		$this->assertLessThan( 6, microtime( true ) - $started );
		$this->assertFalse( is_plugin_active( self::PLUGIN ) );
		$this->assertCount( 1, Outbox::entries() );
		$this->assertSame( 'deactivated', Outbox::entries()[0]['type'] );
	}

	public function test_queued_events_are_retried_on_an_admin_page_load_then_throttled_while_failing(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 500 );
		EventSender::record( EventSender::DEACTIVATED );
		$this->assertCount( 1, Outbox::entries() );
		Receiver::reset();
		Receiver::respond( '/bridge/v1/events', 500 );

		$this->assertNotFalse( has_action( 'admin_init', array( EventSender::class, 'flush_on_admin_load' ) ) );
		EventSender::flush_on_admin_load();
		EventSender::flush_on_admin_load();

		$this->assertCount( 1, Receiver::requests( '/bridge/v1/events' ), 'the second load within the throttle window must not call the platform' );
		$this->assertSame( 2, Outbox::entries()[0]['attempts'] );

		Receiver::restore( '/bridge/v1/events' );
		delete_transient( 'dropship_connect_retry_throttle' );
		EventSender::flush_on_admin_load();
		$this->assertSame( array(), Outbox::entries() );
	}

	public function test_a_failed_delivery_schedules_a_cron_retry_that_delivers_it(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 502 );
		EventSender::record( EventSender::DEACTIVATED, 'testing' );
		$this->assertNotFalse( wp_next_scheduled( 'dropship_connect_retry_outbox' ) );
		Receiver::restore( '/bridge/v1/events' );

		do_action( 'dropship_connect_retry_outbox' );

		$this->assertSame( array(), Outbox::entries() );
	}

	public function test_a_refused_event_is_dropped_and_reported_instead_of_retried_forever(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 404, array( 'error' => 'unknown_site' ) );

		EventSender::record( EventSender::DEACTIVATED );

		$this->assertSame( array(), Outbox::entries() );
		$error = get_option( 'dropship_connect_last_error' );
		$this->assertSame( 'deactivated', $error['context'] );
		$this->assertStringContainsString( 'unknown_site', $error['message'] );
	}

	public function test_a_401_is_kept_for_another_signed_try(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 401, array( 'error' => 'stale_timestamp' ) );

		EventSender::record( EventSender::DEACTIVATED );

		$this->assertCount( 1, Outbox::entries() );
	}

	public function test_queued_events_are_delivered_oldest_first_before_a_new_one(): void {
		$this->connect_site();
		$this->activate();
		Receiver::respond( '/bridge/v1/events', 503 );
		EventSender::record( EventSender::DEACTIVATED );
		Receiver::restore( '/bridge/v1/events' );
		Receiver::reset();

		EventSender::record( EventSender::ACTIVATED );

		$types = array_map( static fn ( $r ) => $r->json()['type'], Receiver::requests( '/bridge/v1/events' ) );
		$this->assertSame( array( 'deactivated', 'activated' ), $types );
	}

	public function test_activation_schedules_a_daily_heartbeat_that_sends_a_signed_heartbeat(): void {
		$this->connect_site();
		$this->activate();

		$next = wp_next_scheduled( 'dropship_connect_heartbeat' );
		$this->assertNotFalse( $next );
		$this->assertSame( 'daily', wp_get_schedule( 'dropship_connect_heartbeat' ) );
		Receiver::reset();

		do_action( 'dropship_connect_heartbeat' );

		$beats = Receiver::requests( '/bridge/v1/heartbeat' );
		$this->assertCount( 1, $beats );
		$this->assertSigned( $beats[0] );
		$this->assertSame( 'http://shop.test', $beats[0]->json()['site_url'] );
		$this->assertTrue( $beats[0]->json()['active'] );
		$this->assertSame( '1.0.0', $beats[0]->json()['plugin_version'] );
	}

	public function test_the_deactivated_answer_keeps_the_subscription_for_the_billing_notice(): void {
		$this->connect_site();
		$this->activate();

		deactivate_plugins( self::PLUGIN );

		$snapshot = get_option( 'dropship_connect_billing_snapshot' );
		$this->assertSame( strtotime( '2026-12-01T00:00:00Z' ), $snapshot['next_charge_at'] );
		$this->assertTrue( $snapshot['still_billed'] );
	}
}
