import type { Platforms } from '@dropship/core';
import type { Repositories, Store, StorePlatform } from '@dropship/core';
import { createShopifyStorePlatform, shopSessionFromRecord } from '@dropship/shopify';
import type { ShopifyAdapter } from '@dropship/shopify';
import { createWooStorePlatform, isWooConnectorError } from '@dropship/woocommerce';
import type { WooStoreConnection } from '@dropship/woocommerce';
import type { Logger } from 'pino';

export type StorePlatforms = Record<(typeof Platforms)[keyof typeof Platforms], StorePlatform>;

async function offlineSession(repos: Repositories, store: Store) {
  const records = await repos.shopifySessions.findByShop(store.domain);
  const offline = records.find((record) => !record.isOnline && record.accessToken);
  return offline ? shopSessionFromRecord(offline) : null;
}

async function wooConnection(repos: Repositories, store: Store): Promise<WooStoreConnection | null> {
  const link = await repos.wooStores.findByStore(store.id);
  if (!link || link.keysRevokedAt) return null;
  const credentials = await repos.stores.getCredentials(store.id);
  if (!credentials?.wcConsumerKey || !credentials.wcConsumerSecret) return null;
  return {
    siteUrl: link.siteUrl,
    consumerKey: credentials.wcConsumerKey,
    consumerSecret: credentials.wcConsumerSecret,
    queryStringAuth: link.queryStringAuth,
  };
}

/**
 * A 401 for keys that worked before means the owner deleted them (or their
 * WordPress user): remember it, so the account area asks for new keys and the
 * sync stops calling a store that will refuse every request.
 */
function markRevokedKeys(platform: StorePlatform, repos: Repositories, log: Logger): StorePlatform {
  const remembering = async <T>(store: Store, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (isWooConnectorError(error) && error.keysRevoked) {
        await repos.wooStores.markKeysRevoked(store.id, new Date());
        log.warn({ storeId: store.id }, 'WooCommerce keys revoked by the store');
      }
      throw error;
    }
  };
  const { ensureWebhooks } = platform;
  return {
    platform: platform.platform,
    productAdminUrl: (store, product) => platform.productAdminUrl(store, product),
    productPresence: (store, product) => platform.productPresence(store, product),
    listRecentOrders: (store, params) => remembering(store, () => platform.listRecentOrders(store, params)),
    ...(ensureWebhooks
      ? { ensureWebhooks: (store, params) => remembering(store, () => ensureWebhooks(store, params)) }
      : {}),
  };
}

/** The StorePlatform of each platform, reading credentials from storage (decrypted on read). */
export function storePlatformsFor(repos: Repositories, shopify: ShopifyAdapter, log: Logger): StorePlatforms {
  const woocommerce = createWooStorePlatform({
    resolveConnection: (store) => wooConnection(repos, store),
    onQueryStringAuth: (store) => {
      repos.wooStores.setQueryStringAuth(store.id, true).catch((err: unknown) => {
        log.warn({ err, storeId: store.id }, 'could not remember query-string auth');
      });
    },
  });
  return {
    shopify: createShopifyStorePlatform({
      adapter: shopify,
      resolveSession: (store) => offlineSession(repos, store),
    }),
    woocommerce: markRevokedKeys(woocommerce, repos, log),
  };
}
