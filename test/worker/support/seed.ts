import type { Platform, Repositories, Store } from '@dropship/core';
import { ingestEvent, ingestOrder } from '@dropship/lifecycle';
import type { IngestEventResult } from '@dropship/lifecycle';
import { systemClock } from '@dropship/core';
import type { Queues } from '@dropship/queues';

let counter = 0;

export interface SeedStoreParams {
  platform: Platform;
  products?: number;
  installedAt?: Date;
  email?: string;
  locale?: string;
}

/** A connected store with a subscription, a contact address and `products` published products. */
export async function seedStore(repos: Repositories, params: SeedStoreParams): Promise<Store> {
  counter += 1;
  const tag = `${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const domain = params.platform === 'shopify' ? `shop-${tag}.myshopify.com` : `shop-${tag}.example.com`;
  const store = await repos.stores.create({
    platform: params.platform,
    domain,
    installedAt: params.installedAt ?? new Date(Date.now() - 86_400_000),
  });
  await repos.stores.setCredentials(store.id, {
    contactEmail: params.email ?? `owner-${tag}@example.com`,
    locale: params.locale ?? 'en',
  });
  const now = Date.now();
  await repos.subscriptions.create({
    storeId: store.id,
    provider: params.platform === 'shopify' ? 'shopify' : 'platform',
    externalId: params.platform === 'shopify' ? `gid://shopify/AppSubscription/${tag}` : null,
    planName: 'Growth',
    priceMinor: 2900,
    currency: 'EUR',
    status: 'active',
    currentPeriodStart: new Date(now - 10 * 86_400_000),
    currentPeriodEnd: new Date(now + 20 * 86_400_000),
  });
  for (let i = 0; i < (params.products ?? 3); i += 1) {
    await repos.publishedProducts.upsert({
      storeId: store.id,
      platformProductId: `p${i}`,
      title: `Product ${i}`,
      handle: `product-${i}`,
      sku: `SKU-${i}`,
      status: 'active',
      publishedAt: new Date(now - (1000 - i) * 1000),
    });
  }
  return store;
}

/** A platform order with one published product (matched by SKU). */
export function platformOrder(id: string) {
  return {
    platformOrderId: id,
    name: `#${id}`,
    createdAt: new Date(),
    status: 'paid',
    lines: [{ sku: 'SKU-0', quantity: 1, platformProductId: null }],
  };
}

/** Ingests `count` orders (as webhooks would) and returns their ids. */
export async function ingestOrders(
  repos: Repositories,
  queues: Queues,
  store: Store,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids) {
    await ingestOrder({ repos, queues }, { storeId: store.id, order: platformOrder(id), via: 'webhook' });
  }
}

/** Records the uninstall / plugin removal of a store and queues its lifecycle job. */
export function recordDisconnect(
  repos: Repositories,
  queues: Queues,
  store: Store,
  at: Date = new Date(),
): Promise<IngestEventResult> {
  const shopify = store.platform === 'shopify';
  return ingestEvent(
    { repos, queues, clock: systemClock },
    {
      channel: shopify ? 'shopify' : 'wp_bridge',
      deliveryId: `delivery-${store.id}-${at.getTime()}`,
      storeId: store.id,
      source: shopify ? 'shopify_uninstall' : 'wp_deleted',
      topic: shopify ? 'app/uninstalled' : 'plugin_deleted',
      triggeredAt: at,
      payload: {},
      correlationId: null,
    },
  );
}
