/**
 * The plugin in a real WordPress (Debian's wordpress on MariaDB) against this
 * platform's real server and worker: activate → connect → deactivate →
 * reactivate → deactivate while the platform is down → delete → FTP removal.
 */
import { rmSync } from 'node:fs';
import pino from 'pino';
import { systemClock } from '@dropship/core';
import type { Store, StorePlatform } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer, detectLostHeartbeats } from '@dropship/lifecycle';
import { startServer } from '@dropship/server';
import type { RunningServer } from '@dropship/server';
import { createProcessors, startWorker } from '@dropship/worker';
import type { RunningWorker } from '@dropship/worker';
import { TEST_REDIS_URL, createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { freePort } from '../support/redis';
import { prepareWordPress } from './wordpress-site';
import type { WordPressSite } from './wordpress-site';

jest.setTimeout(180_000);

const quiet = pino({ level: 'silent' });
let stack: TestStack;
let wordpress: WordPressSite;
let worker: RunningWorker;
let server: RunningServer | null = null;
let port = 0;
let siteId = '';

async function platformUp(): Promise<void> {
  server = await startServer({ app: stack.app, port, host: '127.0.0.1', log: quiet });
}

async function platformDown(): Promise<void> {
  await server?.close();
  server = null;
}

/** The platform's clock follows the wall clock the plugin signs with. */
function syncClock(): void {
  stack.clock.set(new Date());
}

async function step(name: string, arg?: string) {
  syncClock();
  return wordpress.step(name, arg);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const store = async (): Promise<Store> => (await stack.repos.stores.findById(siteId)) as Store;
const events = () => stack.repos.lifecycleEvents.list({ storeId: siteId, limit: 100 });
// Events carry second-precision times: keep steps in different seconds.
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

beforeAll(async () => {
  port = await freePort();
  stack = await createTestStack({ env: { SHOPIFY_APP_URL: `http://127.0.0.1:${port}` } });
  const noOrders: Pick<StorePlatform, 'listRecentOrders'> = {
    listRecentOrders: async () => ({ orders: [], nextCursor: null }),
  };
  const processors = createProcessors({
    repos: stack.repos,
    queues: stack.queues,
    clock: systemClock,
    supplier: createBuiltInSupplier({ repos: stack.repos }),
    mailer: createOutboxMailer({ repos: stack.repos, clock: stack.clock }),
    platforms: { woocommerce: noOrders },
    publicBaseUrl: `http://127.0.0.1:${port}`,
    teamEmail: 'team@dropship.test',
  });
  worker = await startWorker({
    redisUrl: TEST_REDIS_URL,
    prefix: stack.queues.prefix,
    processors,
    log: quiet,
  });
  await platformUp();
  wordpress = await prepareWordPress();
  await wordpress.step('set-platform-url', `http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await platformDown();
  await worker?.close({ force: true });
  await wordpress?.destroy();
  await stack?.close();
});

test('activation before connection sends nothing', async () => {
  const activated = await step('activate');
  expect(activated.active).toBe(true);
  expect(activated.outbox).toEqual([]);
  expect(await stack.db.knex('stores').count({ n: '*' })).toEqual([{ n: 0 }]);
  expect(await stack.db.knex('lifecycle_events').count({ n: '*' })).toEqual([{ n: 0 }]);
});

test('a connection code connects the site once; the plugin sends a heartbeat at once', async () => {
  const account = await stack.repos.accounts.create({ email: 'owner@shop.test' });
  await stack.repos.connectionCodes.create({
    code: 'DC-E2E-1',
    accountId: account.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const connected = await step('connect-code', 'dc-e2e-1');
  expect(connected.error).toBeNull();
  siteId = String(connected.site_id);
  expect(await store()).toMatchObject({
    platform: 'woocommerce',
    domain: 'shop.test',
    state: 'connected',
    accountId: account.id,
  });
  expect((await stack.repos.stores.getCredentials(siteId))?.heartbeatAt).not.toBeNull();
  const again = await step('connect-code', 'DC-E2E-1');
  expect(again.error).toMatch(/already been used/);
  for (let i = 1; i <= 3; i++) {
    await stack.repos.publishedProducts.upsert({
      storeId: siteId,
      platformProductId: String(100 + i),
      title: `Mug ${i}`,
      status: 'publish',
      publishedAt: new Date(),
    });
  }
});

test('the plugin page shows the subscription and gets a single-use login link', async () => {
  const { subscription } = await step('subscription');
  expect(subscription).toMatchObject({ status: 'trial', still_billed: true, store_state: 'connected' });
  const link = await step('login-link');
  const url = new URL(String(link.url));
  expect(url.origin + url.pathname).toBe(`http://127.0.0.1:${port}/account/login`);
  const token = url.searchParams.get('token') as string;
  expect(await stack.repos.loginTokens.consume(token, new Date())).toMatchObject({ storeId: siteId });
  expect(await stack.repos.loginTokens.consume(token, new Date())).toBeNull();
});

test('deactivation disconnects the store: automation stopped, products-left report ready, subscription still active', async () => {
  await nextSecond();
  const before = await stack.repos.subscriptions.findLatestByStore(siteId);
  const deactivated = await step('deactivate');
  expect(deactivated.outbox).toEqual([]);
  const disconnected = await waitFor('store disconnected', async () =>
    (await store()).state === 'disconnected' ? store() : null,
  );
  expect(disconnected).toMatchObject({ automationEnabled: false, disconnectSource: 'wp_deactivated' });
  const report = await waitFor('products-left report', () =>
    stack.repos.disconnectReports.findLatestByStore(siteId),
  );
  expect(report).toMatchObject({
    source: 'wp_deactivated',
    productsCount: 3,
    billing: { kind: 'platform_still_active' },
  });
  const after = await stack.repos.subscriptions.findLatestByStore(siteId);
  expect(after).toMatchObject({
    id: before?.id,
    status: before?.status,
    cancelledAt: null,
    cancelAtPeriodEnd: false,
  });
});

test('reactivation reconnects the store', async () => {
  await nextSecond();
  const activated = await step('activate');
  expect(activated.outbox).toEqual([]);
  await waitFor('store reconnected', async () => (await store()).state === 'connected');
});

test('a deactivation while the platform is down is delivered later and nothing is lost', async () => {
  await nextSecond();
  await platformDown();
  const deactivated = await step('deactivate');
  expect(deactivated.outbox).toEqual(['deactivated']);
  expect((await store()).state).toBe('connected');
  await platformUp();
  const flushed = await step('flush');
  expect(flushed.outbox).toEqual([]);
  await waitFor('store disconnected again', async () => (await store()).state === 'disconnected');
  const deactivations = (await events()).filter((e) => e.source === 'wp_deactivated');
  expect(deactivations).toHaveLength(2);
  expect(await stack.repos.subscriptions.findLatestByStore(siteId)).toMatchObject({ cancelledAt: null });
});

test('deleting the plugin sends `deleted` and leaves no option behind', async () => {
  const uninstalled = await step('uninstall');
  expect(uninstalled.options).toEqual([]);
  const deleted = await waitFor('deleted event', async () =>
    (await events()).find((e) => e.source === 'wp_deleted'),
  );
  expect(deleted.topic).toBe('wp.deleted');
  expect((await store()).state).toBe('disconnected');
  expect(await stack.repos.subscriptions.findLatestByStore(siteId)).toMatchObject({ cancelledAt: null });
});

test('a plugin removed by FTP is detected as heartbeat_lost after 72 h of silence', async () => {
  await wordpress.step('set-platform-url', `http://127.0.0.1:${port}`);
  await step('activate');
  const account = (await store()).accountId as string;
  await stack.repos.connectionCodes.create({
    code: 'DC-E2E-2',
    accountId: account,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const connected = await step('connect-code', 'DC-E2E-2');
  expect(connected.site_id).toBe(siteId);
  await waitFor('store reconnected by the new connection', async () => (await store()).state === 'connected');

  rmSync(wordpress.pluginDir, { recursive: true, force: true });
  stack.clock.set(new Date(Date.now() + 73 * 60 * 60 * 1000));
  const detected = await detectLostHeartbeats(stack.deps);
  expect(detected.disconnected).toEqual([siteId]);
  // The loss took the store out of `connected` when it was recorded: a second sweep has nothing to do.
  expect(await detectLostHeartbeats(stack.deps)).toMatchObject({ disconnected: [], alreadyRecorded: [] });
  const lost = await waitFor('heartbeat_lost disconnect completed by the worker', async () => {
    const current = await store();
    return current.disconnectSource === 'heartbeat_lost' && current.state === 'disconnected' ? current : null;
  });
  expect(lost).toMatchObject({ state: 'disconnected', automationEnabled: false });
});
