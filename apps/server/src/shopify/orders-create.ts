import { Platforms } from '@dropship/core';
import { ingestOrder } from '@dropship/lifecycle';
import { parseTopicPayload, platformOrderFromWebhook, ShopifyTopics } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { rejectPayload } from './reject-payload';
import type { WebhookHandler } from './webhook-routes';

type Deps = Pick<ServerDeps, 'repos' | 'queues' | 'clock'>;

/**
 * `orders/create`: hands the order to order automation, which records it once
 * (the reconciliation sync may have seen it first) and queues its supplier
 * order when it contains platform products. A store that left takes no order.
 */
export function ordersCreate(deps: Deps): WebhookHandler {
  return async (delivery) => {
    const { webhook, rawBody } = delivery;
    const parsed = parseTopicPayload(ShopifyTopics.ordersCreate, rawBody);
    if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
    const store = await deps.repos.stores.findByDomain(Platforms.shopify, webhook.shopDomain);
    if (store === null) {
      return { body: { outcome: 'unknown_store' } };
    }
    const result = await ingestOrder(deps, {
      storeId: store.id,
      order: platformOrderFromWebhook(parsed.value),
      via: 'webhook',
      correlationId: delivery.correlationId,
    });
    return { body: { outcome: result.status } };
  };
}
