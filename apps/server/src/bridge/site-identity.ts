import { createHmac, randomBytes } from 'node:crypto';

/**
 * A WooCommerce store's domain as the platform keys it: host (and port) plus any
 * sub-directory path, lower-case host, no scheme, no trailing slash.
 */
export function storeDomainOf(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}

/** The site URL without query, fragment or trailing slash: what the platform stores and calls. */
export function normaliseSiteUrl(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}

/** A fresh secret: 32 random bytes, base64url (no characters that need escaping anywhere). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The key that signs connect states. Derived from SESSION_SECRET with its own
 * purpose label, so a state can never pass for a session cookie or the reverse.
 */
export function connectStateKey(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('dropship.bridge.connect-state.v1').digest('base64url');
}
