import type { ShopifySessionRecord } from '@dropship/core';
import { Session } from '@shopify/shopify-api';

/** What an Admin API call needs: the shop and its offline access token (decrypted from storage). */
export interface ShopSession {
  shop: string;
  accessToken: string;
}

/** The id the library gives a shop's offline session. */
export function offlineSessionId(shop: string): string {
  return `offline_${shop}`;
}

export function toLibrarySession({ shop, accessToken }: ShopSession): Session {
  return new Session({ id: offlineSessionId(shop), shop, state: '', isOnline: false, accessToken });
}

/** The library session as ShopifySessionRepository stores it. */
export function sessionToRecord(session: Session): ShopifySessionRecord {
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope ?? null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ?? null,
    onlineAccessInfo: session.onlineAccessInfo ?? null,
  };
}

export function sessionFromRecord(record: ShopifySessionRecord): Session {
  return new Session({
    id: record.id,
    shop: record.shop,
    state: record.state,
    isOnline: record.isOnline,
    ...(record.scope !== null ? { scope: record.scope } : {}),
    ...(record.expires !== null ? { expires: record.expires } : {}),
    ...(record.accessToken !== null ? { accessToken: record.accessToken } : {}),
    ...(record.onlineAccessInfo
      ? { onlineAccessInfo: record.onlineAccessInfo as Session['onlineAccessInfo'] }
      : {}),
  });
}

/** Only a stored session with an access token can call the Admin API. */
export function shopSessionFromRecord(record: ShopifySessionRecord): ShopSession | null {
  return record.accessToken ? { shop: record.shop, accessToken: record.accessToken } : null;
}
