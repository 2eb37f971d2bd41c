import { Platforms } from '@dropship/core';
import { gidFor, parseTopicPayload, ShopifyTopics } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { rejectPayload } from './reject-payload';
import type { WebhookHandler } from './webhook-routes';

type Deps = Pick<ServerDeps, 'repos' | 'clock'>;

/**
 * `products/delete`: the merchant removed a product; the ledger marks it
 * removed (the products-left list then leaves it out). Idempotent: a product
 * already removed, or one the platform never published, changes nothing.
 */
export function productsDelete(deps: Deps): WebhookHandler {
  return async (delivery) => {
    const { webhook, rawBody } = delivery;
    const parsed = parseTopicPayload(ShopifyTopics.productsDelete, rawBody);
    if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
    const store = await deps.repos.stores.findByDomain(Platforms.shopify, webhook.shopDomain);
    if (store === null) {
      return { body: { outcome: 'unknown_store' } };
    }
    const productId = gidFor('Product', parsed.value.id);
    const marked = await deps.repos.publishedProducts.markRemoved(store.id, productId, deps.clock.now());
    return { body: { outcome: marked ? 'marked_removed' : 'not_in_ledger' } };
  };
}
