<?php
/**
 * Thrown by test filters where WordPress would otherwise exit (redirects, wp_die).
 */

namespace DropshipConnect\Tests;

final class Interrupted extends \RuntimeException {

	/**
	 * @param string $kind     'redirect' or 'die'.
	 * @param string $detail   Redirect location or wp_die message.
	 * @param int    $status   HTTP status.
	 */
	public function __construct( public string $kind, public string $detail, public int $status ) {
		parent::__construct( "{$kind} {$status}: {$detail}" );
	}
}
