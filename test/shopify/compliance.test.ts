import type { Store } from '@dropship/core';
import {
  customersDataRequestSample,
  customersRedactSample,
  shopRedactSample,
} from '../support/shopify-stand-in';
import { publishProduct } from '../../apps/server/src/shopify/publish-product';
import { startShopifyApp } from './support/shopify-app';
import type { ShopifyApp } from './support/shopify-app';

const COMPLIANCE = '/webhooks/compliance';
let app: ShopifyApp;

beforeAll(async () => {
  app = await startShopifyApp({ dialect: 'postgres' });
});
afterAll(() => app?.close());

async function storeOf(shop: string): Promise<Store> {
  const store = await app.stack.repos.stores.findByDomain('shopify', shop);
  if (!store) throw new Error(`no store ${shop}`);
  return store;
}

/** A shop with a published product and three orders: two by Ann, one by Bob. */
async function shopWithOrders(shop: string) {
  await app.installAndSubscribe(shop);
  const store = await storeOf(shop);
  const product = await publishProduct(
    { repos: app.stack.repos, shopify: app.stack.deps.shopify, clock: app.stack.clock },
    { storeId: store.id, product: { title: 'Oak stool', sku: 'OAK-1', price: '59.00' } },
  );
  const line = { productId: product.platformProductId, sku: 'OAK-1', title: 'Oak stool', quantity: 1 };
  const ann = { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' };
  const orders = [
    app.standIn.addOrder(shop, { customer: ann, email: ann.email, lineItems: [line] }),
    app.standIn.addOrder(shop, { customer: ann, email: ann.email, lineItems: [line] }),
    app.standIn.addOrder(shop, {
      customer: { email: 'bob@example.com' },
      email: 'bob@example.com',
      lineItems: [line],
    }),
  ];
  for (const order of orders) {
    const answer = await app.deliver('/webhooks/orders/create', {
      topic: 'orders/create',
      shop,
      body: order.webhookPayload,
    });
    expect(answer.status).toBe(200);
  }
  const customerId = (orders[0]?.webhookPayload.customer as { id: number }).id;
  return { store, product, orders, customerId };
}

async function auditOf(requestId: string) {
  return app.stack.repos.audit.listByEntity('compliance_request', requestId);
}

describe('Shopify compliance webhooks', () => {
  it('customers/data_request assembles the orders we hold for the merchant, once', async () => {
    const shop = 'data-request.myshopify.com';
    const { orders, customerId } = await shopWithOrders(shop);
    const body = {
      ...customersDataRequestSample,
      shop_domain: shop,
      customer: { id: customerId, email: 'ann@example.com', phone: null },
      orders_requested: [orders[0]?.webhookPayload.id, orders[1]?.webhookPayload.id, 999],
    };
    const webhookId = 'data-request-1';
    const first = await app.deliver(COMPLIANCE, { topic: 'customers/data_request', shop, body, webhookId });
    const retry = await app.deliver(COMPLIANCE, { topic: 'customers/data_request', shop, body, webhookId });
    expect([first.status, JSON.parse(first.body)]).toEqual([200, { outcome: 'completed' }]);
    expect(JSON.parse(retry.body)).toEqual({ outcome: 'already_completed' });

    const request = await app.stack.repos.complianceRequests.findByWebhookId(webhookId);
    expect(request).toMatchObject({
      status: 'completed',
      topic: 'customers/data_request',
      completedAt: expect.any(Date),
    });
    const result = request?.result as {
      orders: Array<{ platformOrderId: string; data: { name: string } }>;
      ordersNotHeld: string[];
    };
    expect(result.orders.map((order) => order.platformOrderId)).toEqual([orders[0]?.id, orders[1]?.id]);
    expect(result.orders[0]?.data.name).toBe(orders[0]?.webhookPayload.name);
    expect(result.ordersNotHeld).toEqual(['gid://shopify/Order/999']);
    expect(await auditOf(request?.id as string)).toHaveLength(1);
  });

  it('customers/redact erases that customer’s order data and keeps the rest', async () => {
    const shop = 'customer-redact.myshopify.com';
    const { store, orders, customerId } = await shopWithOrders(shop);
    const body = {
      ...customersRedactSample,
      shop_domain: shop,
      customer: { id: customerId, email: 'ann@example.com', phone: '555-625-1199' },
      orders_to_redact: [orders[0]?.webhookPayload.id, orders[1]?.webhookPayload.id],
    };
    const answer = await app.deliver(COMPLIANCE, {
      topic: 'customers/redact',
      shop,
      body,
      webhookId: 'redact-ann',
    });
    expect(answer.status).toBe(200);

    const [annFirst, annSecond, bob] = await Promise.all(
      orders.map((order) => app.stack.repos.orders.findByPlatformId(store.id, order.id)),
    );
    // Erased: Ann's order data. Kept: the order records themselves (id, status) and Bob's order.
    expect(annFirst).toMatchObject({ payload: null, status: 'pending' });
    expect(annSecond).toMatchObject({ payload: null, status: 'pending' });
    expect(bob?.payload).toMatchObject({ name: orders[2]?.webhookPayload.name });
    const request = await app.stack.repos.complianceRequests.findByWebhookId('redact-ann');
    expect(request?.status).toBe('completed');
    expect(request?.payload).toMatchObject({
      customer: { id: String(customerId), email: null, phone: null },
    });
    expect(request?.result).toMatchObject({ erased: { orderPayloads: 2 } });
    expect(await auditOf(request?.id as string)).toHaveLength(1);
  });

  it('shop/redact after an uninstall erases the store’s personal data and keeps billing records anonymised', async () => {
    const shop = 'shop-redact.myshopify.com';
    const { store, product, orders } = await shopWithOrders(shop);
    expect((await app.stack.repos.stores.getCredentials(store.id))?.contactEmail).toEqual(
      expect.stringContaining('@'),
    );
    await app.deliver('/webhooks/app/uninstalled', {
      topic: 'app/uninstalled',
      shop,
      body: app.standIn.uninstall(shop),
      triggeredAt: app.stack.clock.now(),
    });
    await app.runWorker(async () => (await storeOf(shop)).state === 'disconnected');
    const subscriptionsBefore = await app.stack.repos.subscriptions.listByStore(store.id);

    const answer = await app.deliver(COMPLIANCE, {
      topic: 'shop/redact',
      shop,
      body: { ...shopRedactSample, shop_domain: shop },
      webhookId: 'shop-redact-1',
    });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { outcome: 'completed' }]);

    // Erased: contact, sessions, order data, the account's name and e-mail.
    expect(await storeOf(shop)).toMatchObject({ state: 'redacted' });
    expect((await app.stack.repos.stores.getCredentials(store.id))?.contactEmail).toBeNull();
    expect(await app.stack.repos.shopifySessions.findByShop(shop)).toEqual([]);
    for (const order of orders) {
      expect((await app.stack.repos.orders.findByPlatformId(store.id, order.id))?.payload).toBeNull();
    }
    expect(await app.stack.repos.accounts.findById(store.accountId as string)).toMatchObject({
      status: 'anonymised',
      email: null,
      name: null,
    });
    // Kept: billing records (pointing at the anonymised account), the product ledger.
    expect(await app.stack.repos.subscriptions.listByStore(store.id)).toEqual(subscriptionsBefore);
    expect(
      await app.stack.repos.publishedProducts.findByPlatformId(store.id, product.platformProductId),
    ).not.toBeNull();
    const request = await app.stack.repos.complianceRequests.findByWebhookId('shop-redact-1');
    expect(request).toMatchObject({ status: 'completed', eventId: expect.any(String) });
    expect(await auditOf(request?.id as string)).toHaveLength(1);
  });

  it('shop/redact for a store reinstalled since keeps everything', async () => {
    const shop = 'came-back.myshopify.com';
    const { store, orders } = await shopWithOrders(shop);
    const answer = await app.deliver(COMPLIANCE, {
      topic: 'shop/redact',
      shop,
      body: { ...shopRedactSample, shop_domain: shop },
      webhookId: 'shop-redact-live',
    });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { outcome: 'kept_reinstalled' }]);
    expect(await storeOf(shop)).toMatchObject({ state: 'connected', automationEnabled: true });
    expect(await app.stack.repos.shopifySessions.findByShop(shop)).toHaveLength(1);
    expect(
      (await app.stack.repos.orders.findByPlatformId(store.id, orders[0]?.id as string))?.payload,
    ).not.toBeNull();
    const request = await app.stack.repos.complianceRequests.findByWebhookId('shop-redact-live');
    expect(request).toMatchObject({ status: 'completed', result: { reinstalled: true } });
  });

  it('a request for a shop we never had completes with nothing held', async () => {
    const shop = 'never-seen.myshopify.com';
    const answer = await app.deliver(COMPLIANCE, {
      topic: 'shop/redact',
      shop,
      body: { ...shopRedactSample, shop_domain: shop },
      webhookId: 'shop-redact-unknown',
    });
    expect(answer.status).toBe(200);
    expect(await app.stack.repos.complianceRequests.findByWebhookId('shop-redact-unknown')).toMatchObject({
      status: 'completed',
      storeId: null,
      result: { storeKnown: false },
    });
  });
});
