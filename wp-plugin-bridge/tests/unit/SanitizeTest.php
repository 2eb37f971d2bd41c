<?php

namespace DropshipConnect\Tests\Unit;

use DropshipConnect\Sanitize;
use PHPUnit\Framework\TestCase;

final class SanitizeTest extends TestCase {

	public function test_a_platform_url_keeps_scheme_host_port_and_path_only(): void {
		$this->assertSame( 'https://platform.example.com', Sanitize::platform_url( 'https://platform.example.com/' ) );
		$this->assertSame( 'http://127.0.0.1:8080/api', Sanitize::platform_url( ' http://127.0.0.1:8080/api/?q=1#x ' ) );
	}

	public function test_a_platform_url_that_is_not_http_is_rejected(): void {
		$this->assertSame( '', Sanitize::platform_url( 'javascript:alert(1)' ) );
		$this->assertSame( '', Sanitize::platform_url( 'ftp://platform.example.com' ) );
		$this->assertSame( '', Sanitize::platform_url( 'not a url' ) );
		$this->assertSame( '', Sanitize::platform_url( '' ) );
		$this->assertSame( '', Sanitize::platform_url( 'platform.example.com' ) );
		$this->assertSame( '', Sanitize::platform_url( 'https://bad host.example' ) );
	}

	public function test_a_connection_code_keeps_letters_digits_and_dashes_upper_cased(): void {
		$this->assertSame( 'AB12-CD34', Sanitize::connection_code( " ab12-cd34\n" ) );
		$this->assertSame( 'ABSCRIPT', Sanitize::connection_code( 'ab<script>' ) );
		$this->assertSame( 64, strlen( Sanitize::connection_code( str_repeat( 'a', 200 ) ) ) );
	}

	public function test_a_reason_is_plain_text_of_limited_length(): void {
		$this->assertSame( 'Too expensive', Sanitize::reason( '<b>Too</b> expensive<script>x</script>' ) );
		$this->assertSame( "line one\nline two", Sanitize::reason( "line one\nline two" ) );
		$this->assertSame( 1000, mb_strlen( Sanitize::reason( str_repeat( 'é', 1500 ) ) ) );
	}

	public function test_platform_times_become_timestamps_or_null(): void {
		$this->assertSame( 1796083200, Sanitize::iso_time( '2026-12-01T00:00:00Z' ) );
		$this->assertNull( Sanitize::iso_time( null ) );
		$this->assertNull( Sanitize::iso_time( 'soon' ) );
		$this->assertNull( Sanitize::iso_time( 12 ) );
	}
}
