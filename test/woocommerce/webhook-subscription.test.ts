import {
  NO_STORE_KEYS,
  reconnectStore,
  STORE_DISCONNECTED,
  STORE_KEYS_REVOKED,
  subscribeStoreWebhooks,
  syncStoreOrders,
} from '@dropship/lifecycle';
import type { LifecyclePayload, SubscribeStoreWebhooksPayload } from '@dropship/queues';
import { JobNames, orderSyncSchedulerId } from '@dropship/queues';
import { startServer } from '@dropship/server';
import type { RunningServer } from '@dropship/server';
import pino from 'pino';
import request from 'supertest';
import { storePlatformsFor } from '../../apps/cli/src/compose/platforms';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { freePort } from '../support/redis';
import { startWooStandIn } from '../support/woocommerce-stand-in';
import type { WooStandIn } from '../support/woocommerce-stand-in';
import { connectWithCode } from './bridge-support';

/**
 * A site connected through WooCommerce's key flow ends up delivering its new
 * orders to the platform: the connection's lifecycle job opens automation and
 * queues the webhook subscription, which creates the webhooks on the site; an
 * order the site then fires arrives signed and is taken into the automation.
 */
describe('a WooCommerce site connected with a REST key is subscribed to the platform webhooks', () => {
  let stack: TestStack;
  let server: RunningServer;
  let shop: WooStandIn;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    stack = await createTestStack({ env: { SHOPIFY_APP_URL: baseUrl } });
    server = await startServer({ app: stack.app, port, host: '127.0.0.1', log: pino({ level: 'silent' }) });
    shop = await startWooStandIn();
  });
  afterAll(async () => {
    await shop.close();
    await server.close();
    await stack.close();
  });

  const workerDeps = () => ({
    repos: stack.repos,
    queues: stack.queues,
    clock: stack.clock,
    platforms: storePlatformsFor(stack.repos, stack.deps.shopify, pino({ level: 'silent' })),
    publicBaseUrl: stack.config.appUrl,
  });

  async function takeJob<T>(queue: 'lifecycle' | 'orderSync', name: string): Promise<T> {
    const jobs = await stack.queues[queue].getJobs(['waiting', 'prioritized', 'delayed']);
    const job = jobs.find((one) => one.name === name);
    if (!job) throw new Error(`no ${name} job in ${queue}`);
    await job.remove();
    return job.data as T;
  }

  async function connectWithKey(): Promise<string> {
    const started = await request(stack.app)
      .post('/bridge/v1/connect/start')
      .send({ site_url: shop.url, admin_email: 'owner@shop.example', return_url: `${shop.url}/wp-admin/` });
    expect(started.status).toBe(200);
    const key = shop.createKey('read_write');
    const callback = await request(stack.app)
      .post('/woocommerce/auth/callback')
      .set('Content-Type', 'application/json;charset=UTF-8')
      .send(
        JSON.stringify({
          key_id: key.keyId,
          user_id: started.body.state,
          consumer_key: key.consumerKey,
          consumer_secret: key.consumerSecret,
          key_permissions: 'read_write',
        }),
      );
    expect(callback.status).toBe(200);
    const claim = await request(stack.app)
      .post('/bridge/v1/connect/claim')
      .send({ connection_id: started.body.connection_id, claim_secret: started.body.claim_secret });
    expect(claim.status).toBe(200);
    return claim.body.site_id as string;
  }

  it('opens order automation for the new store, creates its webhooks, and takes in the orders they deliver', async () => {
    const storeId = await connectWithKey();

    const connected = await takeJob<LifecyclePayload>('lifecycle', JobNames.storeReconnected);
    expect(connected).toMatchObject({ storeId, source: 'wp_connected' });
    expect(await reconnectStore(workerDeps(), connected)).toEqual({ outcome: 'applied', state: 'connected' });
    expect(await stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(storeId))).toBeTruthy();

    const subscribe = await takeJob<SubscribeStoreWebhooksPayload>(
      'orderSync',
      JobNames.subscribeStoreWebhooks,
    );
    expect(await subscribeStoreWebhooks(workerDeps(), subscribe)).toEqual({
      created: ['order.created', 'product.deleted'],
      updated: [],
      paused: [],
    });
    const secret = (await stack.repos.wooStores.findByStore(storeId))?.webhookSecret;
    expect(
      shop
        .webhooks()
        .map((w) => [w.topic, w.status, w.delivery_url, w.secret])
        .sort(),
    ).toEqual([
      ['order.created', 'active', `${baseUrl}/webhooks/woocommerce/${storeId}`, secret],
      ['product.deleted', 'active', `${baseUrl}/webhooks/woocommerce/${storeId}`, secret],
    ]);

    await stack.repos.publishedProducts.upsert({
      storeId,
      platformProductId: '93',
      title: 'Mug',
      sku: 'MUG-1',
      status: 'publish',
      publishedAt: new Date(),
    });
    const [delivery, ...others] = await shop.fireWebhooks('order.created', {
      id: 4101,
      number: '4101',
      status: 'processing',
      date_created_gmt: '2026-11-21T08:00:00',
      line_items: [{ id: 1, name: 'Mug', product_id: 93, quantity: 1, sku: 'MUG-1' }],
    });
    expect(others).toEqual([]);
    expect(delivery?.status).toBe(200);
    expect(JSON.parse(delivery?.responseBody ?? '{}')).toMatchObject({ outcome: 'order_queued' });
    expect(await stack.repos.orders.findByPlatformId(storeId, '4101')).toMatchObject({ status: 'pending' });

    // The job again (a retry, a reconnection): the same two webhooks, re-armed.
    expect(await subscribeStoreWebhooks(workerDeps(), subscribe)).toMatchObject({ created: [] });
    expect(shop.webhooks()).toHaveLength(2);
  });

  it('stops the order sync of a site that deleted the platform key, instead of failing it every five minutes', async () => {
    const storeId = await connectWithKey();
    await reconnectStore(
      workerDeps(),
      await takeJob<LifecyclePayload>('lifecycle', JobNames.storeReconnected),
    );
    await takeJob('orderSync', JobNames.subscribeStoreWebhooks);
    expect(await stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(storeId))).toBeTruthy();

    shop.revokeKeys();
    expect(await syncStoreOrders(workerDeps(), { storeId })).toMatchObject({
      skipped: true,
      reason: STORE_KEYS_REVOKED,
    });
    expect(await stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(storeId))).toBeFalsy();
    expect((await stack.repos.wooStores.findByStore(storeId))?.keysRevokedAt).toBeInstanceOf(Date);
    expect(await subscribeStoreWebhooks(workerDeps(), { storeId, reference: 'later' })).toEqual({
      skipped: true,
      reason: STORE_KEYS_REVOKED,
    });
  });

  it('skips a store that left, and one connected with a code only (no REST key to call the site with)', async () => {
    const keyed = await connectWithKey();
    await takeJob('lifecycle', JobNames.storeReconnected);
    await stack.repos.stores.update(keyed, { state: 'disconnected', automationEnabled: false });
    const before = shop.webhooks().length;
    expect(await subscribeStoreWebhooks(workerDeps(), { storeId: keyed, reference: 'test' })).toEqual({
      skipped: true,
      reason: STORE_DISCONNECTED,
    });

    const { siteId } = await connectWithCode(stack, 'https://code-only.example');
    const connected = await takeJob<LifecyclePayload>('lifecycle', JobNames.storeReconnected);
    expect(connected.storeId).toBe(siteId);
    await reconnectStore(workerDeps(), connected);
    // Without a REST key the platform cannot read the site's orders: no sync, no subscription.
    expect(await stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(siteId))).toBeFalsy();
    await expect(takeJob('orderSync', JobNames.subscribeStoreWebhooks)).rejects.toThrow(
      /no subscribe-store-webhooks job/,
    );
    expect(await subscribeStoreWebhooks(workerDeps(), { storeId: siteId, reference: 'test' })).toEqual({
      skipped: true,
      reason: NO_STORE_KEYS,
    });
    expect(shop.webhooks()).toHaveLength(before);
  });
});
