import { ErrorKinds } from '@dropship/core';
import type { ProductPresence } from '@dropship/core';
import { WooConnectorError } from '../errors';
import type { WooClient } from './create-woo-client';

/** Values of @dropship/core's `ProductPresence`, as WooCommerce statuses map to them. */
export const WooProductPresence = {
  /** Live on the storefront (`publish`). */
  published: 'published',
  /** Still in the shop but not public (draft, pending, private, future): the merchant still has it to remove. */
  unpublished: 'unpublished',
  /** Gone: 404, or in the trash. */
  deleted: 'deleted',
  /** Could not be checked (the store kept failing); try again later. */
  unknown: 'unknown',
} as const satisfies Record<string, ProductPresence>;

/** Maps a product's WooCommerce status to its presence; `null` (404) is deleted. */
export function presenceOfWooStatus(status: string | null): ProductPresence {
  if (status === null || status === 'trash') return WooProductPresence.deleted;
  return status === 'publish' ? WooProductPresence.published : WooProductPresence.unpublished;
}

export interface LedgerProductRef {
  /** The WooCommerce product id as recorded in the ledger. */
  platformProductId: string;
}

export interface ProductCheck {
  platformProductId: string;
  presence: ProductPresence;
  /** The product's WooCommerce status when the store answered with it. */
  wooStatus: string | null;
  permalink: string | null;
  error: string | null;
}

export interface CheckPublishedProductsOptions {
  /** Requests in flight at once; 4 by default (shared hosting is small). */
  concurrency?: number;
}

/**
 * Asks the store about every ledger product, at most `concurrency` at a time, in
 * ledger order. Revoked keys (UNAUTHORIZED) and FORBIDDEN stop the whole check:
 * no answer can be trusted then. A product the store keeps failing on is `unknown`;
 * 404 and `trash` are `deleted`; `publish` is `published`; any other status is `unpublished`.
 */
export async function checkPublishedProducts(
  client: WooClient,
  ledgerProducts: readonly LedgerProductRef[],
  options: CheckPublishedProductsOptions = {},
): Promise<ProductCheck[]> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new WooConnectorError(
      ErrorKinds.invalidInput,
      `concurrency must be a positive integer (got ${concurrency}).`,
    );
  }
  const results: ProductCheck[] = new Array(ledgerProducts.length);
  let next = 0;
  let stopped: unknown = null;

  async function worker(): Promise<void> {
    while (stopped === null && next < ledgerProducts.length) {
      const index = next++;
      const ref = ledgerProducts[index] as LedgerProductRef;
      try {
        results[index] = await checkOne(client, ref.platformProductId);
      } catch (error) {
        stopped ??= error;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, ledgerProducts.length) }, worker));
  if (stopped !== null) throw stopped;
  return results;
}

async function checkOne(client: WooClient, platformProductId: string): Promise<ProductCheck> {
  const base = { platformProductId, wooStatus: null, permalink: null, error: null };
  if (!/^\d+$/.test(platformProductId)) {
    return {
      ...base,
      presence: WooProductPresence.unknown,
      error: `"${platformProductId}" is not a WooCommerce product id.`,
    };
  }
  try {
    const product = await client.getProduct(platformProductId);
    if (!product) return { ...base, presence: WooProductPresence.deleted };
    return {
      ...base,
      presence: presenceOfWooStatus(product.status),
      wooStatus: product.status,
      permalink: product.permalink ?? null,
    };
  } catch (error) {
    if (error instanceof WooConnectorError && error.kind === ErrorKinds.unavailable) {
      return { ...base, presence: WooProductPresence.unknown, error: error.message };
    }
    throw error;
  }
}
