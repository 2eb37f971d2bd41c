import type { Clock, ProductPresence, PublishedProduct, Repositories, StorePlatform } from '@dropship/core';
import { findStoreOrThrow } from './products-left';

export interface LiveCheckDeps {
  repos: Pick<Repositories, 'stores' | 'publishedProducts'>;
  /** The store's platform (WooCommerce REST with the store's keys). */
  platform: Pick<StorePlatform, 'productPresence'>;
  clock: Clock;
}

export interface LiveCheckOptions {
  /** Requests in flight at most (default 4): a merchant's shared hosting must not feel it. */
  concurrency?: number;
  signal?: AbortSignal;
}

export type LiveCheckResult = Record<ProductPresence, number> & {
  checked: number;
  /** Products marked removed in the ledger by this check. */
  markedRemoved: number;
};

/**
 * Checks the products-left list against the live store and marks in the
 * ledger the products the merchant already deleted, so the report shows only
 * what is left. Products whose presence is `unknown` (keys revoked, store
 * down) stay listed. Reads the ledger as a stream; at most `concurrency`
 * requests run at once.
 */
export async function checkProductsLeftLive(
  deps: LiveCheckDeps,
  storeId: string,
  options: LiveCheckOptions = {},
): Promise<LiveCheckResult> {
  const store = await findStoreOrThrow(deps.repos, storeId);
  const result: LiveCheckResult = {
    checked: 0,
    markedRemoved: 0,
    published: 0,
    unpublished: 0,
    deleted: 0,
    unknown: 0,
  };
  const products = deps.repos.publishedProducts.stream(store.id, { batchSize: 200 })[Symbol.asyncIterator]();
  const next = async (): Promise<PublishedProduct | null> => {
    if (options.signal?.aborted) return null;
    const item = await products.next();
    return item.done ? null : item.value;
  };
  const lane = async (): Promise<void> => {
    for (let product = await next(); product !== null; product = await next()) {
      const presence = await deps.platform.productPresence(store, product);
      result.checked += 1;
      result[presence] += 1;
      if (presence === 'deleted') {
        const marked = await deps.repos.publishedProducts.markRemoved(
          store.id,
          product.platformProductId,
          deps.clock.now(),
        );
        if (marked) result.markedRemoved += 1;
      }
    }
  };
  const lanes = Math.max(1, Math.floor(options.concurrency ?? 4));
  await Promise.all(Array.from({ length: lanes }, lane));
  return result;
}
