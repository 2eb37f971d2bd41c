<?php

namespace DropshipConnect\Tests\Unit;

use DropshipConnect\Platform\Signer;
use PHPUnit\Framework\TestCase;

final class SignerTest extends TestCase {

	public function test_the_canonical_string_has_five_lines_with_the_hex_sha256_of_the_body(): void {
		$canonical = Signer::canonical_string( 'post', '/bridge/v1/events', 1700000000, '0f8fad5b-d9cb-469f-a165-70867728950e', '{"type":"activated"}' );
		$this->assertSame(
			"POST\n/bridge/v1/events\n1700000000\n0f8fad5b-d9cb-469f-a165-70867728950e\naf3b3ee0bd71e57c900fb662ff49d26c3ee3a447c4093f60825c1c4264f54edc",
			$canonical
		);
	}

	public function test_a_known_vector_signs_to_the_value_computed_with_openssl(): void {
		// printf 'POST\n/bridge/v1/events\n1700000000\n<id>\n<sha>' | openssl dgst -sha256 -hmac test-secret -binary | base64
		$canonical = Signer::canonical_string( 'POST', '/bridge/v1/events', 1700000000, '0f8fad5b-d9cb-469f-a165-70867728950e', '{"type":"activated"}' );
		$this->assertSame( 'v1=KEkSf5tO0DCd8kneECou5ve2QVRrds1ylqiouqesU0w=', Signer::signature( 'test-secret', $canonical ) );
	}

	public function test_an_empty_body_hashes_to_the_sha256_of_nothing(): void {
		$canonical = Signer::canonical_string( 'GET', '/bridge/v1/subscription', 1700000000, '7c9e6679-7425-40de-944b-e07fc1f90ae7', '' );
		$this->assertStringEndsWith( "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", $canonical );
		$this->assertSame( 'v1=SfGWoPzev7GfbSQWeCLRSae8Y6NEeHl+fG+SBl57MA0=', Signer::signature( 'test-secret', $canonical ) );
	}

	public function test_the_query_string_is_not_part_of_the_signed_path(): void {
		$with_query = Signer::canonical_string( 'GET', '/bridge/v1/subscription?x=1', 1, 'id', '' );
		$this->assertSame( Signer::canonical_string( 'GET', '/bridge/v1/subscription', 1, 'id', '' ), $with_query );
	}

	public function test_headers_carry_site_timestamp_event_id_and_signature(): void {
		$headers = Signer::headers( 'site_1', 'test-secret', 'POST', '/bridge/v1/events', '{"type":"activated"}', 1700000000, '0f8fad5b-d9cb-469f-a165-70867728950e' );
		$this->assertSame(
			array(
				'X-Dropship-Site'      => 'site_1',
				'X-Dropship-Timestamp' => '1700000000',
				'X-Dropship-Event-Id'  => '0f8fad5b-d9cb-469f-a165-70867728950e',
				'X-Dropship-Signature' => 'v1=KEkSf5tO0DCd8kneECou5ve2QVRrds1ylqiouqesU0w=',
			),
			$headers
		);
	}

	public function test_a_different_secret_gives_a_different_signature(): void {
		$canonical = Signer::canonical_string( 'POST', '/bridge/v1/events', 1700000000, 'id', '{}' );
		$this->assertNotSame( Signer::signature( 'a', $canonical ), Signer::signature( 'b', $canonical ) );
	}
}
