<?php

namespace DropshipConnect\Tests\Unit;

use DropshipConnect\Lifecycle\Outbox;
use DropshipConnect\Platform\Response;
use PHPUnit\Framework\TestCase;

final class OutboxTest extends TestCase {

	protected function setUp(): void {
		delete_option( 'dropship_connect_outbox' );
	}

	protected function tearDown(): void {
		delete_option( 'dropship_connect_outbox' );
	}

	private function payload( string $id, string $type = 'deactivated' ): array {
		return array( 'type' => $type, 'occurrence_id' => $id, 'occurred_at' => '2026-11-21T08:00:00Z' );
	}

	public function test_entries_keep_their_payload_and_order(): void {
		Outbox::push( $this->payload( 'a', 'deactivated' ) );
		Outbox::push( $this->payload( 'b', 'activated' ) );

		$entries = Outbox::entries();
		$this->assertSame( array( 'a', 'b' ), array_column( $entries, 'occurrence_id' ) );
		$this->assertSame( $this->payload( 'b', 'activated' ), $entries[1]['payload'] );
		$this->assertSame( 0, $entries[0]['attempts'] );
	}

	public function test_a_failure_counts_an_attempt_and_keeps_the_occurrence(): void {
		Outbox::push( $this->payload( 'a' ) );
		Outbox::record_failure( 'a', 'HTTP 503' );
		Outbox::record_failure( 'a', 'timed out' );

		$entry = Outbox::entries()[0];
		$this->assertSame( 2, $entry['attempts'] );
		$this->assertSame( 'timed out', $entry['last_error'] );
		$this->assertSame( 'a', $entry['payload']['occurrence_id'] );
	}

	public function test_removing_the_last_entry_deletes_the_option(): void {
		Outbox::push( $this->payload( 'a' ) );
		Outbox::remove( 'a' );
		$this->assertTrue( Outbox::is_empty() );
		$this->assertFalse( get_option( 'dropship_connect_outbox' ) );
	}

	public function test_the_oldest_entries_are_dropped_past_the_limit(): void {
		for ( $i = 0; $i < Outbox::MAX_ENTRIES + 3; $i++ ) {
			Outbox::push( $this->payload( 'id' . $i ) );
		}
		$entries = Outbox::entries();
		$this->assertCount( Outbox::MAX_ENTRIES, $entries );
		$this->assertSame( 'id3', $entries[0]['occurrence_id'] );
	}

	public function test_corrupt_entries_are_ignored(): void {
		update_option( 'dropship_connect_outbox', array( 'garbage', array( 'type' => 'x' ) ) );
		$this->assertSame( array(), Outbox::entries() );
	}

	public function test_which_failures_are_retried(): void {
		foreach ( array( 0, 401, 429, 500, 502, 503 ) as $retryable ) {
			$this->assertFalse( ( new Response( $retryable, array() ) )->is_permanent_failure(), (string) $retryable );
		}
		foreach ( array( 400, 404, 409, 410, 413 ) as $permanent ) {
			$this->assertTrue( ( new Response( $permanent, array() ) )->is_permanent_failure(), (string) $permanent );
		}
	}
}
