import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token with 256 bits of entropy (session cookies, CSRF tokens). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256: what is stored of a session token, so the table alone opens no session. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two secrets (bearer tokens, CSRF tokens). */
export function secretsEqual(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks nothing about the length either.
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
