import { Platforms } from '@dropship/core';
import type { Repositories, Store } from '@dropship/core';
import { offlineSessionId, shopSessionFromRecord } from '@dropship/shopify';
import type { ShopSession } from '@dropship/shopify';

/** The store and its offline session (token decrypted), or null when the app is not installed there. */
export async function loadInstalledShop(
  repos: Pick<Repositories, 'stores' | 'shopifySessions'>,
  shop: string,
): Promise<{ store: Store; session: ShopSession } | null> {
  const store = await repos.stores.findByDomain(Platforms.shopify, shop);
  if (store === null) return null;
  const record = await repos.shopifySessions.load(offlineSessionId(shop));
  const session = record ? shopSessionFromRecord(record) : null;
  return session ? { store, session } : null;
}
