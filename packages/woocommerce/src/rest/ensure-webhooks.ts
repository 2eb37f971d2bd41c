import type { WooClient } from './create-woo-client';
import type { WooWebhook } from './resources';

/** The platform's endpoint for one store's WooCommerce webhooks (docs/bridge-protocol.md). */
export const WOO_WEBHOOK_PATH = '/webhooks/woocommerce/:storeId';

export function wooWebhookDeliveryUrl(publicBaseUrl: string, storeId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${WOO_WEBHOOK_PATH.replace(':storeId', encodeURIComponent(storeId))}`;
}

/**
 * The topics the platform subscribes to: new orders feed the order
 * automation, deleted products leave the published-products ledger.
 */
export const WOO_WEBHOOK_TOPICS = ['order.created', 'product.deleted'] as const;

export interface EnsureWooWebhooksParams {
  /** Where WooCommerce delivers: the platform's `/webhooks/woocommerce/<store id>`. */
  deliveryUrl: string;
  /** The store's webhook secret (WooCommerce signs each body with it). */
  secret: string;
  /** Shown in WooCommerce → Settings → Advanced → Webhooks, followed by the topic. */
  name: string;
  topics?: readonly string[];
}

export interface EnsureWooWebhooksResult {
  /** Topics that had no webhook to this URL. */
  created: string[];
  /** Topics whose webhook to this URL was re-armed: active again, current secret and name. */
  updated: string[];
  /** Further webhooks to this URL and topic (left by an earlier connection), paused so each event comes once. */
  paused: number[];
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Makes the site deliver each topic to `deliveryUrl` exactly once, signed with
 * `secret`. WooCommerce never returns a webhook's secret, and pauses or
 * disables a webhook after failed deliveries, so an existing webhook to this
 * URL is updated (active, current secret) rather than trusted. Safe to run
 * again: it reads the site's webhooks first, so a create whose answer was lost
 * is found and updated, not made twice.
 */
export async function ensureWooWebhooks(
  client: WooClient,
  params: EnsureWooWebhooksParams,
): Promise<EnsureWooWebhooksResult> {
  const ours = new Map<string, WooWebhook[]>();
  for await (const webhook of client.iterateWebhooks()) {
    if (!sameUrl(webhook.delivery_url, params.deliveryUrl)) continue;
    ours.set(webhook.topic, [...(ours.get(webhook.topic) ?? []), webhook]);
  }
  const result: EnsureWooWebhooksResult = { created: [], updated: [], paused: [] };
  for (const topic of params.topics ?? WOO_WEBHOOK_TOPICS) {
    const [kept, ...extra] = (ours.get(topic) ?? []).sort((a, b) => a.id - b.id);
    const input = { name: `${params.name} (${topic})`, status: 'active', secret: params.secret } as const;
    if (kept) {
      await client.updateWebhook(kept.id, input);
      result.updated.push(topic);
    } else {
      await client.createWebhook({ ...input, topic, delivery_url: params.deliveryUrl });
      result.created.push(topic);
    }
    for (const webhook of extra.filter((one) => one.status !== 'paused')) {
      await client.updateWebhook(webhook.id, { status: 'paused' });
      result.paused.push(webhook.id);
    }
  }
  return result;
}
