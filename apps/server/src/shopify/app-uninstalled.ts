import { createLoader, isStaleDisconnect, LifecycleSources, Platforms } from '@dropship/core';
import type { Store } from '@dropship/core';
import type { IngestEventParams } from '@dropship/lifecycle';
import { parseTopicPayload, ShopifyTopics } from '@dropship/shopify';
import type { ShopPayload, VerifiedWebhook } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { rejectPayload } from './reject-payload';
import type { WebhookHandler } from './webhook-routes';

type Deps = Pick<ServerDeps, 'repos' | 'queues' | 'clock' | 'ingest'>;

/** What the event keeps of the Shop resource: its id, not the owner's name, e-mail or address. */
function eventPayload(shop: ShopPayload) {
  return { shop_id: shop.id, myshopify_domain: shop.myshopify_domain, plan_name: shop.plan_name };
}

function recordOnlyReason(store: Store | null, webhook: VerifiedWebhook): IngestEventParams['recordOnly'] {
  if (store === null) {
    return { outcome: 'unknown_store', reason: `No Shopify store ${webhook.shopDomain} is recorded.` };
  }
  if (webhook.triggeredAt !== null && isStaleDisconnect(store, webhook.triggeredAt)) {
    return {
      outcome: 'ignored_stale',
      reason: `Uninstall triggered at ${webhook.triggeredAt.toISOString()}, before the latest install at ${store.installedAt?.toISOString()}.`,
    };
  }
  return undefined;
}

/**
 * `app/uninstalled`: record the event once (X-Shopify-Webhook-Id) and queue
 * the disconnect job, then answer. The shop is the signed header's; an
 * uninstall older than the latest install is recorded and ignored. Recording
 * the event takes the store out of `connected` with its automation gate
 * closed in the same transaction (ingestEvents), so no order job starts for a
 * store that has left; the worker does the rest. Concurrent deliveries share
 * their store lookup, transaction and addBulk. A database or Redis failure
 * throws UNAVAILABLE: 503, and Shopify retries.
 */
export function appUninstalled(deps: Deps): WebhookHandler {
  const findStore = createLoader(
    (domains: string[]) => deps.repos.stores.findByDomains(Platforms.shopify, domains),
    (store) => store.domain,
  );
  return async (delivery) => {
    const { webhook, rawBody } = delivery;
    const parsed = parseTopicPayload(ShopifyTopics.appUninstalled, rawBody);
    if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
    const store = await findStore.run(webhook.shopDomain);
    const recordOnly = recordOnlyReason(store, webhook);
    const result = await deps.ingest.ingest({
      channel: 'shopify',
      deliveryId: webhook.webhookId,
      storeId: store?.id ?? null,
      source: LifecycleSources.shopifyUninstall,
      topic: webhook.topic,
      triggeredAt: webhook.triggeredAt,
      payload: eventPayload(parsed.value),
      correlationId: delivery.correlationId,
      ...(recordOnly ? { recordOnly } : {}),
    });
    return {
      body: { status: result.status, outcome: result.event.outcome },
      duplicate: result.status === 'duplicate',
    };
  };
}
