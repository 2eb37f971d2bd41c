import { deliverWooWebhook, sendWooWebhookPing } from '../support/woocommerce-stand-in';
import { startServer } from '@dropship/server';
import type { RunningServer } from '@dropship/server';
import pino from 'pino';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { connectWithCode } from './bridge-support';
import type { ConnectedSite } from './bridge-support';

describe('WooCommerce webhooks', () => {
  let stack: TestStack;
  let server: RunningServer;
  let site: ConnectedSite;
  let deliveryUrl: string;
  let secret: string;

  beforeAll(async () => {
    stack = await createTestStack();
    server = await startServer({
      app: stack.app,
      port: 0,
      host: '127.0.0.1',
      log: pino({ level: 'silent' }),
    });
    site = await connectWithCode(stack, 'https://shop.example');
    deliveryUrl = `${server.url.replace('localhost', '127.0.0.1')}/webhooks/woocommerce/${site.siteId}`;
    secret = (await stack.repos.wooStores.findByStore(site.siteId))?.webhookSecret as string;
    await stack.repos.publishedProducts.upsert({
      storeId: site.siteId,
      platformProductId: '93',
      title: 'Mug',
      sku: 'MUG-1',
      status: 'publish',
      publishedAt: new Date(),
    });
  });
  afterAll(async () => {
    await server.close();
    await stack.close();
  });

  const order = (id: number) => ({
    id,
    number: String(id),
    status: 'processing',
    date_created_gmt: '2026-11-21T08:00:00',
    line_items: [{ id: 1, name: 'Mug', product_id: 93, quantity: 2, sku: 'MUG-1' }],
  });
  const send = (topic: string, payload: unknown, extra: { deliveryId?: string; signature?: string } = {}) =>
    deliverWooWebhook({
      deliveryUrl,
      secret,
      topic,
      payload,
      webhookId: 7,
      siteUrl: 'https://shop.example',
      ...extra,
    });

  it('answers the unsigned form-encoded creation ping with 200', async () => {
    expect((await sendWooWebhookPing({ deliveryUrl, webhookId: 7 })).status).toBe(200);
  });

  it('feeds order.created to the order automation once per delivery', async () => {
    const first = await send('order.created', order(501), { deliveryId: 'd-501' });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.responseBody)).toMatchObject({ duplicate: false, outcome: 'order_queued' });
    const again = await send('order.created', order(501), { deliveryId: 'd-501' });
    expect(JSON.parse(again.responseBody)).toMatchObject({ duplicate: true });
    expect(await stack.repos.orders.findByPlatformId(site.siteId, '501')).toMatchObject({
      status: 'pending',
      containsPlatformProducts: true,
    });
  });

  it('marks a deleted product removed in the published-products ledger', async () => {
    const response = await send('product.deleted', { id: 93 });
    expect(JSON.parse(response.responseBody)).toMatchObject({ outcome: 'product_removed' });
    expect(
      (await stack.repos.publishedProducts.findByPlatformId(site.siteId, '93'))?.removedAt,
    ).not.toBeNull();
  });

  it('refuses a wrong signature with 401 and an unknown store with 404, changing nothing', async () => {
    const forged = await send('order.created', order(777), { signature: 'Zm9yZ2Vk' });
    expect(forged.status).toBe(401);
    const unknown = await deliverWooWebhook({
      deliveryUrl: deliveryUrl.replace(site.siteId, 'no-such-store'),
      secret,
      topic: 'order.created',
      payload: order(778),
      webhookId: 7,
      siteUrl: 'https://shop.example',
    });
    expect(unknown.status).toBe(404);
    expect(await stack.repos.orders.findByPlatformId(site.siteId, '777')).toBeNull();
  });
});
