import type { WooStoreLink } from '@dropship/core';

/** Why a WooCommerce site's orders cannot be read or its webhooks subscribed. */
export const NO_STORE_KEYS = 'no REST key for the store';
export const STORE_KEYS_REVOKED = 'store REST keys revoked';

/**
 * Why the platform cannot call this WooCommerce site with its REST key, or
 * null when it can. A site connected with a code only has no key until its
 * owner adds one; a key the site deleted stays marked revoked until a new one
 * arrives.
 */
export function wooKeyProblem(link: Pick<WooStoreLink, 'keyId' | 'keysRevokedAt'>): string | null {
  if (link.keyId === null) return NO_STORE_KEYS;
  if (link.keysRevokedAt !== null) return STORE_KEYS_REVOKED;
  return null;
}
