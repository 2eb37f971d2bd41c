import { createHash } from 'node:crypto';

/** SHA-256 hex of a high-entropy secret (claim secret, login token): enough to find it, useless if leaked. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Connection codes are typed by people: the plugin trims and upper-cases them, so the hash does too. */
export function hashConnectionCode(code: string): string {
  return hashSecret(code.trim().toUpperCase());
}
