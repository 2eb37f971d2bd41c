import { Agent } from 'node:https';
import { Platforms, StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';
import { describePlatformContract } from '../../../test/support/platform-contract';
import { startWooStandIn } from '../../../test/support/woocommerce-stand-in';
import type { WooStandIn } from '../../../test/support/woocommerce-stand-in';
import { createWooStorePlatform, wooProductAdminUrl } from './store-platform';
import type { WooStoreConnection } from './store-platform';

function makeStore(id: string, domain: string): Store {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id,
    accountId: 'acct_1',
    platform: Platforms.woocommerce,
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

async function setUp(standIn: WooStandIn, ordersPerPage = 10) {
  const connections = new Map<string, WooStoreConnection>();
  const live = standIn.createKey();
  const revoked = standIn.createKey();
  standIn.revokeKeys(revoked.consumerKey);
  connections.set('store_live', { siteUrl: standIn.url, ...live });
  connections.set('store_revoked', { siteUrl: standIn.url, ...revoked });
  const learnt: string[] = [];
  const adapter = createWooStorePlatform({
    resolveConnection: async (store) => connections.get(store.id) ?? null,
    onQueryStringAuth: (store) => learnt.push(store.id),
    client: { retryBaseDelayMs: 1, httpsAgent: standIn.isHttps ? new Agent({ ca: standIn.ca }) : undefined },
    ordersPerPage,
  });
  return {
    adapter,
    learnt,
    store: makeStore('store_live', standIn.domain),
    revokedStore: makeStore('store_revoked', standIn.domain),
  };
}

describePlatformContract('WooCommerce', async () => {
  const standIn = await startWooStandIn();
  const { adapter, store, revokedStore } = await setUp(standIn);
  return {
    adapter,
    store,
    revokedStore,
    ordersPerPage: 10,
    adminHost: standIn.domain,
    seedOrders: async (count, firstCreatedAt) =>
      Array.from({ length: count }, (_, i) => {
        const created = new Date(firstCreatedAt.getTime() + i * 1000).toISOString().slice(0, 19);
        return String(
          standIn.addOrder({
            date_created_gmt: created,
            line_items: [{ product_id: 93, sku: 'MUG-1', quantity: 1 }],
          }).id,
        );
      }),
    seedProduct: async (state) => {
      const product = standIn.addProduct({ status: state === 'unpublished' ? 'draft' : 'publish' });
      if (state === 'deleted') standIn.deleteProduct(product.id);
      return String(product.id);
    },
    close: () => standIn.close(),
  };
});

describe('WooCommerce store platform', () => {
  let standIn: WooStandIn;
  afterEach(() => standIn?.close());

  it('builds the wp-admin edit URL of a product, keeping a subdirectory install', () => {
    expect(wooProductAdminUrl('shop.example.com', '93')).toBe(
      'https://shop.example.com/wp-admin/post.php?post=93&action=edit',
    );
    expect(wooProductAdminUrl('example.com/shop/', '93')).toBe(
      'https://example.com/shop/wp-admin/post.php?post=93&action=edit',
    );
  });

  it('maps WooCommerce orders to platform orders, with SKU, quantity and product id per line', async () => {
    standIn = await startWooStandIn();
    const { adapter, store } = await setUp(standIn);
    const order = standIn.addOrder({
      date_created_gmt: '2026-07-01T10:00:00',
      status: 'on-hold',
      line_items: [
        { product_id: 93, sku: 'MUG-1', quantity: 2 },
        { product_id: 0, sku: '', quantity: 1 },
      ],
    });
    const page = await adapter.listRecentOrders(store, { since: new Date('2026-06-30T00:00:00Z') });
    expect(page.orders).toEqual([
      {
        platformOrderId: String(order.id),
        name: `#${order.number}`,
        createdAt: new Date('2026-07-01T10:00:00Z'),
        status: 'on-hold',
        lines: [
          { sku: 'MUG-1', quantity: 2, platformProductId: '93' },
          { sku: null, quantity: 1, platformProductId: null },
        ],
      },
    ]);
  });

  it('uses the product permalink as its storefront URL', async () => {
    standIn = await startWooStandIn();
    const { adapter } = await setUp(standIn);
    const product = standIn.addProduct({ slug: 'blue-mug' });
    expect(adapter.productStorefrontUrl(product)).toBe(`${standIn.url}/product/blue-mug/`);
    expect(adapter.productStorefrontUrl({ permalink: '' })).toBeNull();
  });

  it('reports a store that needs query-string credentials so the caller can remember it', async () => {
    standIn = await startWooStandIn({ tls: true });
    standIn.simulate.stripAuthorizationHeader();
    const { adapter, store, learnt } = await setUp(standIn);
    standIn.addOrder({ date_created_gmt: '2026-07-01T10:00:00' });
    expect(
      (await adapter.listRecentOrders(store, { since: new Date('2026-06-30T00:00:00Z') })).orders,
    ).toHaveLength(1);
    expect(learnt).toEqual(['store_live']);
  });

  it('refuses a cursor it did not make', async () => {
    standIn = await startWooStandIn();
    const { adapter, store } = await setUp(standIn);
    await expect(
      adapter.listRecentOrders(store, { since: new Date(0), cursor: 'eyJwIjoyfQ' }),
    ).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
  });
});
