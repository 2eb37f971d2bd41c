import type { Shopify } from '@shopify/shopify-api';

import type { SanitizeShop } from './sanitize-shop';

export type VerifySessionTokenResult =
  | { valid: true; shop: string; userId: string | null; sessionId: string | null; expiresAt: Date }
  | { valid: false; reason: 'invalid_token' | 'invalid_shop'; message: string };

/**
 * Authenticates a request of the embedded app: the App Bridge session token
 * (HS256 JWT signed with the app secret, audience = client id, `dest` = the
 * shop). A bad or expired token is a value: answer 401 so App Bridge retries
 * with a fresh one.
 */
export type VerifySessionToken = (token: string) => Promise<VerifySessionTokenResult>;

export function createVerifySessionToken(shopify: Shopify, sanitizeShop: SanitizeShop): VerifySessionToken {
  return async (token) => {
    let payload;
    try {
      payload = await shopify.session.decodeSessionToken(token);
    } catch (error) {
      return { valid: false, reason: 'invalid_token', message: (error as Error).message };
    }
    const shop = sanitizeShop(URL.canParse(payload.dest) ? new URL(payload.dest).host : payload.dest);
    if (shop === null)
      return { valid: false, reason: 'invalid_shop', message: `token names no shop (dest ${payload.dest})` };
    return {
      valid: true,
      shop,
      userId: payload.sub ? String(payload.sub) : null,
      sessionId: payload.sid ?? null,
      expiresAt: new Date(payload.exp * 1000),
    };
  };
}
