import type { RequestHandler } from 'express';
import { Platforms } from '@dropship/core';
import { ingestOrder } from '@dropship/lifecycle';
import { parseTopicPayload, platformOrderFromWebhook, ShopifyTopics } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { correlationIdOf } from '../http/request-correlation';
import { rejectPayload } from './reject-payload';
import { deliveryOf } from './verify-webhook-middleware';

type Deps = Pick<ServerDeps, 'repos' | 'queues' | 'clock'>;

/**
 * `orders/create`: hands the order to order automation, which records it once
 * (the reconciliation sync may have seen it first) and queues its supplier
 * order when it contains platform products. A store that left takes no order.
 */
export function ordersCreate(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { webhook, rawBody } = deliveryOf(res);
    const parsed = parseTopicPayload(ShopifyTopics.ordersCreate, rawBody);
    if (!parsed.ok) return rejectPayload(deps, req, webhook, parsed.error);
    const store = await deps.repos.stores.findByDomain(Platforms.shopify, webhook.shopDomain);
    if (store === null) {
      res.status(200).json({ outcome: 'unknown_store' });
      return;
    }
    const result = await ingestOrder(deps, {
      storeId: store.id,
      order: platformOrderFromWebhook(parsed.value),
      via: 'webhook',
      correlationId: correlationIdOf(req),
    });
    res.status(200).json({ outcome: result.status });
  };
}
