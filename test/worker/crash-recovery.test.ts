import type { Store } from '@dropship/core';
import { lifecycleJobId, supplierOrderJobId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { spawnWorker } from './support/child-worker';
import type { ChildWorker } from './support/child-worker';
import { disconnectEndState } from './support/end-state';
import { openWorkerBed, redisUrl, uniquePrefix, waitUntil } from './support/environment';
import type { TestDatabase, WorkerBed } from './support/environment';
import { ingestOrders, recordDisconnect, seedStore } from './support/seed';

const prefix = uniquePrefix('crash');
let queues: Queues;
let database: TestDatabase;
let bed: WorkerBed;
const children: ChildWorker[] = [];

beforeAll(async () => {
  bed = await openWorkerBed(prefix, 'sqlite');
  ({ queues, database } = bed);
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await bed?.close();
});

function worker(pauseAt: string[] = []): ChildWorker {
  const child = spawnWorker({
    redisUrl,
    prefix,
    databaseUrl: database.url,
    dataDir: database.dataDir,
    keyHex: database.keyHex,
    pauseAt,
    lockDurationMs: 1500,
    stalledIntervalMs: 500,
  });
  children.push(child);
  return child;
}

/** A Shopify store with a live session and two orders recorded but not yet placed. */
async function leavingStore(): Promise<Store> {
  const { repos } = database;
  const store = await seedStore(repos, { platform: 'shopify' });
  await repos.shopifySessions.store({
    id: `offline_${store.domain}`,
    shop: store.domain,
    state: 'x',
    isOnline: false,
    scope: 'read_orders',
    expires: null,
    accessToken: 'shpat_secret',
    onlineAccessInfo: null,
  });
  for (const id of ['1', '2']) {
    await repos.orders.saveOnce({
      storeId: store.id,
      platformOrderId: id,
      containsPlatformProducts: true,
      payload: { name: `#${id}` },
    });
  }
  return store;
}

test('a worker killed with SIGKILL in the middle of a lifecycle job and of an order job: after restart each job completes once, with the end state of an uninterrupted run and no duplicated supplier order', async () => {
  const { repos } = database;
  const crashed = await leavingStore();
  const control = await leavingStore();
  const buyer = await seedStore(repos, { platform: 'woocommerce' });
  const orderIds = ['101', '102', '103', '104', '105'];

  const first = worker(['order-after-supplier', 'lifecycle-after-report']);
  await first.waitFor((e) => e.event === 'ready', 'ready');
  const crashedEvent = await recordDisconnect(repos, queues, crashed);
  await ingestOrders(repos, queues, buyer, orderIds);
  await first.waitFor((e) => e.at === 'lifecycle-after-report', 'the lifecycle pause');
  await first.waitFor((e) => e.at === 'order-after-supplier', 'the order pause');
  await first.kill('SIGKILL');
  const pausedOrder = first.events.find((e) => e.at === 'order-after-supplier')?.orderId as string;
  expect(await queues.lifecycle.getJobState(lifecycleJobId(crashedEvent.event.id))).toBe('active');
  expect(await queues.orders.getJobState(supplierOrderJobId(buyer.id, pausedOrder))).toBe('active');

  const second = worker();
  await second.waitFor((e) => e.event === 'ready', 'ready');
  const controlEvent = await recordDisconnect(repos, queues, control);
  await waitUntil('both lifecycle jobs completed', async () => {
    const states = await Promise.all(
      [crashedEvent, controlEvent].map((e) => queues.lifecycle.getJobState(lifecycleJobId(e.event.id))),
    );
    return states.every((state) => state === 'completed');
  });
  await waitUntil(
    'every order placed',
    async () => (await repos.orders.countByStatus(buyer.id, 'placed')) === 5,
  );
  await waitUntil(
    'notifications written',
    async () => (await repos.outbox.list({ limit: 100 })).length === 4,
  );

  const calls = [...first.events, ...second.events].filter((e) => e.event === 'supplier-call');
  const created = calls.filter((e) => e.created === true).map((e) => e.orderId as string);
  const duplicated = created.length - new Set(created).size;
  const lost = orderIds.filter((id) => !created.includes(id)).length;
  console.log(
    `Worker SIGKILL during lifecycle and order jobs: lost=${lost} duplicated=${duplicated} (supplier calls ${calls.length}, created ${created.length}); ` +
      `order ${pausedOrder} was re-run after the kill`,
  );
  expect(duplicated).toBe(0);
  expect(lost).toBe(0);
  expect(await repos.teamSupplierOrders.countByStore(buyer.id)).toBe(5);
  expect(calls.filter((e) => e.orderId === pausedOrder)).toHaveLength(2);

  const lifecycleJob = await queues.lifecycle.getJob(lifecycleJobId(crashedEvent.event.id));
  expect(lifecycleJob?.returnvalue).toMatchObject({ outcome: 'applied', pendingOrdersCount: 2 });
  const orderJob = await queues.orders.getJob(supplierOrderJobId(buyer.id, pausedOrder));
  expect(orderJob?.returnvalue).toMatchObject({ placed: true, created: false });

  const crashedState = await disconnectEndState(repos, crashed, crashedEvent.event.id);
  const controlState = await disconnectEndState(repos, control, controlEvent.event.id);
  expect(crashedState).toEqual(controlState);
  expect(crashedState).toMatchObject({
    state: 'disconnected',
    outcome: 'applied',
    reportsForEvent: 1,
    subscriptionStatus: 'cancelled',
    sessionsLeft: 0,
    messages: ['products_left+merchant', 'team_disconnect_alert+team'],
  });
});
