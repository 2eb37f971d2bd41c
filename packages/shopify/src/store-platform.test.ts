import { Platforms, StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';

import { describePlatformContract } from '../../../test/support/platform-contract';
import type { AdapterFixture } from '../../../test/support/shopify-stand-in/adapter-fixture';
import { startAdapterFixture } from '../../../test/support/shopify-stand-in/adapter-fixture';
import type { ShopSession } from './auth/shop-session';
import { orderFromWebhook, platformOrderFromWebhook } from './orders/shopify-order';
import { createShopifyStorePlatform, toProductGid } from './store-platform';
import { parseTopicPayload, ShopifyTopics } from './webhooks/topics';

// One stand-in for the whole file: the adapter's Admin API routing is process-wide.
let shared: Promise<AdapterFixture> | null = null;
const standInFixture = (): Promise<AdapterFixture> => (shared ??= startAdapterFixture());
afterAll(async () => {
  if (shared) await (await shared).close();
});

function makeStore(id: string, domain: string): Store {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id,
    accountId: 'acct_1',
    platform: Platforms.shopify,
    domain,
    state: StoreStates.connected,
    installedAt: at,
    disconnectedAt: null,
    disconnectSource: null,
    automationEnabled: true,
    createdAt: at,
    updatedAt: at,
  };
}

/** Installs the app on each shop (the session storage), then uninstalls the `revoked` ones. */
async function setUp(shops: { live: string; revoked?: string }, ordersPerPage = 10) {
  const fixture = await standInFixture();
  const sessions = new Map<string, ShopSession>();
  sessions.set('store_live', await fixture.install(shops.live));
  if (shops.revoked) {
    sessions.set('store_revoked', await fixture.install(shops.revoked));
    fixture.standIn.uninstall(shops.revoked);
  }
  const platform = createShopifyStorePlatform({
    adapter: fixture.adapter,
    resolveSession: async (store) => sessions.get(store.id) ?? null,
    ordersPerPage,
  });
  return {
    fixture,
    platform,
    store: makeStore('store_live', shops.live),
    revokedStore: makeStore('store_revoked', shops.revoked ?? shops.live),
    sessionlessStore: makeStore('store_without_session', shops.live),
  };
}

describePlatformContract('Shopify', async () => {
  const shop = 'contract-live.myshopify.com';
  const { fixture, platform, store, revokedStore } = await setUp({
    live: shop,
    revoked: 'contract-revoked.myshopify.com',
  });
  const { standIn } = fixture;
  const mug = standIn.addProduct(shop, { title: 'Mug', sku: 'MUG-1' });
  return {
    adapter: platform,
    store,
    revokedStore,
    ordersPerPage: 10,
    adminHost: 'admin.shopify.com',
    seedOrders: async (count, firstCreatedAt) =>
      Array.from(
        { length: count },
        (_, i) =>
          standIn.addOrder(shop, {
            createdAt: new Date(firstCreatedAt.getTime() + i * 1000),
            lineItems: [{ productId: mug.id, title: 'Mug', quantity: 1 }],
          }).id,
      ),
    seedProduct: async (state) => {
      const product = standIn.addProduct(shop, { status: state === 'unpublished' ? 'DRAFT' : 'ACTIVE' });
      if (state === 'deleted') standIn.deleteProduct(shop, product.id);
      return product.id;
    },
    // The file-level afterAll closes the stand-in the other tests share.
    close: async () => undefined,
  };
});

describe('Shopify store platform', () => {
  const since = new Date('2026-07-01T00:00:00Z');
  const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);

  it('keys a synced order exactly as the orders/create webhook does, lines by the ledger’s product id', async () => {
    const shop = 'same-order.myshopify.com';
    const { fixture, platform, store } = await setUp({ live: shop });
    const session = await fixture.install(shop);
    const published = await fixture.adapter.products.publish({
      session,
      product: { title: 'Desk Lamp', sku: 'SUP-LAMP' },
    });
    const seeded = fixture.standIn.addOrder(shop, {
      createdAt: at(5),
      financialStatus: 'PENDING',
      lineItems: [
        { productId: published.platformProductId, title: 'Desk Lamp', quantity: 2 },
        { title: 'Gift wrap', sku: 'WRAP' },
      ],
    });
    const parsed = parseTopicPayload(ShopifyTopics.ordersCreate, JSON.stringify(seeded.webhookPayload));
    if (!parsed.ok) throw new Error(parsed.error);

    const page = await platform.listRecentOrders(store, { since });

    expect(page.orders).toEqual([platformOrderFromWebhook(parsed.value)]);
    expect(page.orders[0]?.platformOrderId).toBe(orderFromWebhook(parsed.value).platformOrderId);
    expect(page.orders[0]?.platformOrderId).toBe(seeded.id);
    expect(page.orders[0]?.lines[0]).toEqual({
      sku: 'SUP-LAMP',
      quantity: 2,
      platformProductId: published.platformProductId,
    });
    expect(page.orders[0]?.status).toBe('pending');
  });

  it('reads every line of an order longer than the first query fetches', async () => {
    const shop = 'long-order.myshopify.com';
    const { fixture, platform, store } = await setUp({ live: shop });
    const lineItems = Array.from({ length: 23 }, (_, i) => ({ title: `Part ${i}`, sku: `PART-${i}` }));
    fixture.standIn.addOrder(shop, { createdAt: at(1), lineItems });

    const page = await platform.listRecentOrders(store, { since });

    expect(page.orders[0]?.lines.map((line) => line.sku)).toEqual(lineItems.map((line) => line.sku));
  });

  it('orders by creation, not by the latest update, and leaves out an order created exactly at `since`', async () => {
    const shop = 'created-order.myshopify.com';
    const { fixture, platform, store } = await setUp({ live: shop }, 2);
    const add = (createdAt: Date, updatedAt: Date) =>
      fixture.standIn.addOrder(shop, { createdAt, updatedAt, lineItems: [{ title: 'Tote' }] }).id;
    add(since, at(1));
    const first = add(at(2), at(90));
    const second = add(at(3), at(4));
    const third = add(at(4), at(5));

    const one = await platform.listRecentOrders(store, { since });
    const two = await platform.listRecentOrders(store, { since, cursor: one.nextCursor });

    expect(one.orders.map((order) => order.platformOrderId)).toEqual([first, second]);
    expect(two).toEqual({ orders: [expect.objectContaining({ platformOrderId: third })], nextCursor: null });
  });

  it('fails with UNAUTHORIZED and answers unknown presence for a store without a stored session', async () => {
    const shop = 'no-session.myshopify.com';
    const { fixture, platform, sessionlessStore } = await setUp({ live: shop });
    const product = fixture.standIn.addProduct(shop);

    await expect(platform.listRecentOrders(sessionlessStore, { since })).rejects.toMatchObject({
      kind: 'UNAUTHORIZED',
    });
    expect(await platform.productPresence(sessionlessStore, { platformProductId: product.id })).toBe(
      'unknown',
    );
  });

  it('counts a product only when it can be bought on the online store', async () => {
    const shop = 'presence.myshopify.com';
    const { fixture, platform, store } = await setUp({ live: shop });
    const presenceOf = (seed: Parameters<typeof fixture.standIn.addProduct>[1]) =>
      platform.productPresence(store, { platformProductId: fixture.standIn.addProduct(shop, seed).id });

    expect(await presenceOf({ status: 'ACTIVE', published: false })).toBe('unpublished');
    expect(await presenceOf({ status: 'ARCHIVED', published: true })).toBe('unpublished');
    expect(await presenceOf({ status: 'DRAFT' })).toBe('unpublished');
    expect(await presenceOf({ status: 'UNLISTED', published: true })).toBe('published');
  });

  it('takes the numeric id as well as the global id, and answers unknown for an id that is not a product', async () => {
    const shop = 'product-ids.myshopify.com';
    const { fixture, platform, store } = await setUp({ live: shop });
    const product = fixture.standIn.addProduct(shop);
    const numeric = product.id.replace('gid://shopify/Product/', '');

    expect(await platform.productPresence(store, { platformProductId: numeric })).toBe('published');
    expect(await platform.productPresence(store, { platformProductId: 'gid://shopify/Order/1' })).toBe(
      'unknown',
    );
  });

  it('builds the unified admin URL from the shop handle and the numeric product id', async () => {
    const { platform, store } = await setUp({ live: 'admin-url.myshopify.com' });
    const expected = 'https://admin.shopify.com/store/admin-url/products/632910392';
    expect(platform.productAdminUrl(store, { platformProductId: 'gid://shopify/Product/632910392' })).toBe(
      expected,
    );
    expect(platform.productAdminUrl(store, { platformProductId: '632910392' })).toBe(expected);
    expect(() => toProductGid('gid://shopify/Order/632910392')).toThrow(/not a Shopify product id/);
  });

  it('refuses a page size whose query Shopify would reject as too costly', async () => {
    const fixture = await standInFixture();
    const build = (ordersPerPage: number) =>
      createShopifyStorePlatform({
        adapter: fixture.adapter,
        resolveSession: async () => null,
        ordersPerPage,
      });
    expect(() => build(41)).toThrow(expect.objectContaining({ kind: 'INVALID_INPUT' }));
    expect(() => build(0)).toThrow(expect.objectContaining({ kind: 'INVALID_INPUT' }));
    expect(build(40).platform).toBe('shopify');
  });
});
