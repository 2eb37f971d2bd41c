import type { AdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { startAdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { orderContainsProducts } from './shopify-order';

let fixture: AdapterFixture;
const shop = 'orders-shop.myshopify.com';
const HOUR_MS = 60 * 60 * 1000;
const since = new Date('2025-06-01T00:00:00Z');

beforeAll(async () => {
  fixture = await startAdapterFixture();
  const session = await fixture.install(shop);
  const lamp = await fixture.adapter.products.publish({
    session,
    product: { title: 'Lamp', sku: 'SUP-LAMP' },
  });
  fixture.standIn.addOrder(shop, {
    createdAt: new Date(since.getTime() - HOUR_MS),
    lineItems: [{ title: 'Old order' }],
  });
  for (let i = 0; i < 7; i += 1) {
    fixture.standIn.addOrder(shop, {
      createdAt: new Date(since.getTime() + i * HOUR_MS),
      email: `buyer${i}@example.com`,
      customer: { email: `buyer${i}@example.com`, firstName: 'Buyer', lastName: String(i) },
      lineItems:
        i % 2 === 0
          ? [{ productId: lamp.platformProductId, title: 'Lamp', quantity: 2 }]
          : [{ title: 'Gift card', sku: 'GIFT' }],
    });
  }
});
afterAll(() => fixture.close());

describe('listing orders for reconciliation', () => {
  it('pages through orders updated since an instant with cursors', async () => {
    const session = await fixture.install(shop);
    const first = await fixture.adapter.orders.listPage({ session, updatedSince: since, first: 3 });
    expect(first.orders.map((order) => order.email)).toEqual([
      'buyer0@example.com',
      'buyer1@example.com',
      'buyer2@example.com',
    ]);
    expect(first.hasNextPage).toBe(true);
    const second = await fixture.adapter.orders.listPage({
      session,
      updatedSince: since,
      first: 3,
      after: first.endCursor,
    });
    expect(second.orders.map((order) => order.email)).toEqual([
      'buyer3@example.com',
      'buyer4@example.com',
      'buyer5@example.com',
    ]);
    const third = await fixture.adapter.orders.listPage({
      session,
      updatedSince: since,
      first: 3,
      after: second.endCursor,
    });
    expect(third.orders).toHaveLength(1);
    expect(third.hasNextPage).toBe(false);
  });

  it('returns the adapter order shape, with product global ids on the lines', async () => {
    const session = await fixture.install(shop);
    const { orders, truncated } = await fixture.adapter.orders.listSince({ session, updatedSince: since });
    expect(truncated).toBe(false);
    expect(orders).toHaveLength(7);
    const [order] = orders;
    expect(order).toMatchObject({
      platformOrderId: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
      name: '#1002',
      createdAt: new Date(since),
      customer: { email: 'buyer0@example.com', firstName: 'Buyer', lastName: '0' },
      lineItems: [
        {
          productId: expect.stringMatching(/^gid:\/\/shopify\/Product\//),
          sku: 'SUP-LAMP',
          quantity: 2,
          title: 'Lamp',
        },
      ],
    });
    const published = new Set(fixture.standIn.products(shop).map((product) => product.id));
    expect(orders.filter((candidate) => orderContainsProducts(candidate, published))).toHaveLength(4);
  });

  it('stops at maxPages and says the list was truncated', async () => {
    const session = await fixture.install(shop);
    const { orders, truncated } = await fixture.adapter.orders.listSince({
      session,
      updatedSince: since,
      first: 2,
      maxPages: 2,
    });
    expect([orders.length, truncated]).toEqual([4, true]);
  });

  it('refuses a page size Shopify would refuse', async () => {
    const session = await fixture.install(shop);
    await expect(
      fixture.adapter.orders.listPage({ session, updatedSince: since, first: 251 }),
    ).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
  });

  it('after an uninstall the call is UNAUTHORIZED with a message saying the token was revoked', async () => {
    const session = await fixture.install('gone-orders.myshopify.com');
    fixture.standIn.uninstall('gone-orders.myshopify.com');
    await expect(fixture.adapter.orders.listPage({ session, updatedSince: since })).rejects.toMatchObject({
      kind: 'UNAUTHORIZED',
      details: expect.objectContaining({ operation: 'list orders', status: 401 }),
    });
  });
});
