import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Store } from '@dropship/core';
import { signBridgeRequest } from '@dropship/woocommerce';
import type { RunningWorker } from '@dropship/worker';
import { createTestStack, TEST_REDIS_URL } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import {
  countEffects,
  listen,
  printCounts,
  runWorker,
  seedShopifyStores,
  send,
  shopifyEnv,
  uninstallDelivery,
  waitUntil,
} from './support/storm';
import type { Delivery } from './support/storm';

const COPIES = 3;
const HALF_HOUR = 30 * 60 * 1000;
let stack: TestStack;
let server: Awaited<ReturnType<typeof listen>>;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  stack = await createTestStack({ env: shopifyEnv });
  server = await listen(stack);
});

afterAll(async () => {
  await worker?.close({ force: true });
  await server?.close();
  await stack?.close();
});

/** A WooCommerce site connected with a one-time code, its REST link and one published product. */
async function connectSite(index: number): Promise<{ store: Store; secret: string; webhookSecret: string }> {
  const account = await stack.repos.accounts.create({
    email: `owner-${index}-${randomUUID().slice(0, 6)}@shop.test`,
  });
  const code = `DC-${randomBytes(4).toString('hex').toUpperCase()}`;
  await stack.repos.connectionCodes.create({
    code,
    accountId: account.id,
    expiresAt: new Date(stack.clock.now().getTime() + 3_600_000),
  });
  const siteUrl = `https://site-${index}-${randomUUID().slice(0, 6)}.example.com`;
  const response = await fetch(`${server.origin}/bridge/v1/connect/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, site_url: siteUrl }),
  });
  if (response.status !== 200)
    throw new Error(`connect/code answered ${response.status}: ${await response.text()}`);
  const { site_id: siteId, site_secret: secret } = (await response.json()) as {
    site_id: string;
    site_secret: string;
  };
  const webhookSecret = randomBytes(16).toString('hex');
  await stack.repos.wooStores.save({ storeId: siteId, siteUrl, webhookSecret, at: stack.clock.now() });
  await stack.repos.publishedProducts.upsert({
    storeId: siteId,
    platformProductId: '93',
    title: 'Mug',
    handle: 'mug',
    sku: 'MUG-1',
    status: 'active',
    publishedAt: stack.clock.now(),
  });
  return { store: (await stack.repos.stores.findById(siteId)) as Store, secret, webhookSecret };
}

/** Builds the request at send time: a bridge retry is a new signed request of the same occurrence. */
type Sender = () => Promise<number>;

function bridgeDeactivation(store: Store, secret: string): Sender {
  const body = JSON.stringify({
    type: 'deactivated',
    occurrence_id: randomUUID(),
    occurred_at: stack.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    site_url: `https://${store.domain}`,
    plugin_version: '1.0.0',
    wp_version: '6.1.1',
    wc_version: '9.4.2',
  });
  return async () => {
    const { headers } = signBridgeRequest({
      method: 'POST',
      path: '/bridge/v1/events',
      siteId: store.id,
      secret,
      rawBody: body,
      now: stack.clock.now(),
    });
    const delivery: Delivery = {
      shop: store.domain,
      webhookId: '',
      body,
      headers: { ...headers, 'content-type': 'application/json' },
    };
    return send(server.origin, delivery, '/bridge/v1/events');
  };
}

function wooOrderWebhook(store: Store, webhookSecret: string, orderId: number): Sender {
  const body = JSON.stringify({
    id: orderId,
    number: String(orderId),
    status: 'processing',
    date_created_gmt: '2026-11-21T08:00:00',
    date_modified_gmt: '2026-11-21T08:00:00',
    line_items: [{ id: 1, product_id: 93, sku: 'MUG-1', quantity: 1, name: 'Mug' }],
  });
  const headers = {
    'content-type': 'application/json',
    'x-wc-webhook-source': `https://${store.domain}/`,
    'x-wc-webhook-topic': 'order.created',
    'x-wc-webhook-resource': 'order',
    'x-wc-webhook-event': 'created',
    'x-wc-webhook-signature': createHmac('sha256', webhookSecret).update(body).digest('base64'),
    'x-wc-webhook-id': '7',
    'x-wc-webhook-delivery-id': randomBytes(16).toString('hex'),
  };
  return () =>
    send(
      server.origin,
      { shop: store.domain, webhookId: '', body, headers },
      `/webhooks/woocommerce/${store.id}`,
    );
}

test('every webhook delivered 3 times, shuffled, with retries hours apart: one effect each (uninstalls, plugin deactivations, orders)', async () => {
  const now = stack.clock.now();
  const shops = await seedShopifyStores(stack.repos, 12, now, 'redeliver');
  const leaving = await Promise.all([0, 1, 2, 3, 4, 5].map(connectSite));
  const buying = await Promise.all([6, 7].map(connectSite));
  const orderIds = [1001, 1002, 1003, 1004, 1005];

  const senders: Array<{ kind: string; send: Sender }> = [
    ...shops.map((store) => {
      const delivery = uninstallDelivery(store.domain, now);
      return { kind: 'uninstall', send: () => send(server.origin, delivery) };
    }),
    ...leaving.map((site) => ({ kind: 'bridge', send: bridgeDeactivation(site.store, site.secret) })),
    ...buying.flatMap((site) =>
      orderIds.map((id) => ({ kind: 'order', send: wooOrderWebhook(site.store, site.webhookSecret, id) })),
    ),
  ];
  const copies = senders.flatMap((sender) => Array.from({ length: COPIES }, () => sender));
  const order = fc.sample(
    fc.shuffledSubarray(copies, { minLength: copies.length, maxLength: copies.length }),
    { numRuns: 1, seed: 20261121 },
  )[0] as typeof copies;

  worker = await runWorker(stack, { redisUrl: TEST_REDIS_URL, prefix: stack.queues.prefix });
  const statuses: number[] = [];
  for (const [index, copy] of order.entries()) {
    statuses.push(await copy.send());
    // Shopify spreads its retries over 4 hours, the plugin over its next page loads.
    if (index % 10 === 9) stack.clock.advance(HALF_HOUR);
  }
  expect(statuses.filter((status) => status !== 200)).toEqual([]);

  const disconnecting = [...shops, ...leaving.map((site) => site.store)];
  await waitUntil(
    'every disconnect processed',
    async () => (await countEffects(stack, disconnecting)).done.size === disconnecting.length,
    30_000,
  ).catch(() => undefined);
  const expectedOrders = buying.length * orderIds.length;
  const placed = async () => {
    const rows = (await stack.db
      .knex('team_supplier_orders')
      .whereIn(
        'store_id',
        buying.map((site) => site.store.id),
      )
      .select('store_id', 'platform_order_id')) as Array<{ store_id: string; platform_order_id: string }>;
    return rows;
  };
  await waitUntil(
    'every order placed',
    async () =>
      new Set((await placed()).map((r) => `${r.store_id}/${r.platform_order_id}`)).size === expectedOrders,
    30_000,
  ).catch(() => undefined);

  const effects = await countEffects(stack, disconnecting);
  const supplierOrders = await placed();
  const distinctOrders = new Set(supplierOrders.map((r) => `${r.store_id}/${r.platform_order_id}`)).size;
  const recordedOrders = Number(
    (
      (await stack.db
        .knex('orders')
        .whereIn(
          'store_id',
          buying.map((site) => site.store.id),
        )
        .count({ n: '*' })) as Array<{ n: unknown }>
    )[0]?.n,
  );
  const counts = {
    lost: disconnecting.length - effects.done.size + (expectedOrders - distinctOrders),
    duplicated:
      effects.duplicated + (supplierOrders.length - distinctOrders) + (recordedOrders - expectedOrders),
  };
  printCounts(
    'Each webhook delivered 3 times, shuffled, hours apart',
    counts,
    `${senders.length} webhooks (${shops.length} uninstalls, ${leaving.length} plugin deactivations, ${expectedOrders} orders), ${copies.length} deliveries over ${Math.round((stack.clock.now().getTime() - now.getTime()) / 3_600_000)} h of simulated time`,
  );
  expect(counts).toEqual({ lost: 0, duplicated: 0 });
}, 90_000);
