import type { Redis } from 'ioredis';
import { lifecycleJobId } from '@dropship/queues';
import { startShopifyApp } from './support/shopify-app';
import type { ShopifyApp } from './support/shopify-app';

let app: ShopifyApp;

beforeAll(async () => {
  app = await startShopifyApp({ dialect: 'postgres' });
});
afterAll(() => app?.close());

describe('app/uninstalled when Redis cannot take the job', () => {
  it('answers 503 (Shopify retries) and the retry of the same delivery queues it', async () => {
    const shop = 'redis-down.myshopify.com';
    await app.installAndSubscribe(shop);
    const redis = app.stack.deps.redis as Redis;
    const body = app.standIn.uninstall(shop);
    const delivery = {
      topic: 'app/uninstalled',
      shop,
      body,
      webhookId: 'retry-me',
      triggeredAt: app.stack.clock.now(),
    };
    redis.disconnect();
    const down = await app.deliver('/webhooks/app/uninstalled', delivery);
    await redis.connect();
    expect(down.status).toBe(503);
    const retry = await app.deliver('/webhooks/app/uninstalled', delivery);
    expect(retry.status).toBe(200);
    const event = await app.stack.repos.lifecycleEvents.findByDelivery('shopify', 'retry-me');
    expect(await app.stack.queues.lifecycle.getJob(lifecycleJobId(event!.id))).toBeTruthy();
    await app.runWorker(
      async () => (await app.stack.repos.stores.findByDomain('shopify', shop))?.state === 'disconnected',
    );
  });
});
