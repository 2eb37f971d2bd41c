import pino from 'pino';
import type { Store } from '@dropship/core';
import { JobNames, orderSyncSchedulerId, supplierOrderJobId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { ingestOrder } from '@dropship/lifecycle';
import { createProcessors, startWorker } from '@dropship/worker';
import type { RunningWorker } from '@dropship/worker';
import { openWorkerBed, processorDeps, redisUrl, uniquePrefix, waitUntil } from './support/environment';
import type { TestDatabase, WorkerBed } from './support/environment';
import { ingestOrders, platformOrder, recordDisconnect, seedStore } from './support/seed';

const prefix = uniquePrefix('disconnect');
const log = pino({ level: 'silent' });
let queues: Queues;
let database: TestDatabase;
let bed: WorkerBed;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  bed = await openWorkerBed(prefix, 'sqlite');
  ({ queues, database } = bed);
});

afterAll(async () => {
  for (const worker of workers) await worker.close({ force: true });
  await bed?.close();
});

const ids = (label: string, count: number) => Array.from({ length: count }, (_, i) => `${label}-${i + 1}`);

async function start(processors: Parameters<typeof startWorker>[0]['processors']): Promise<RunningWorker> {
  const worker = await startWorker({
    redisUrl,
    prefix,
    log,
    processors,
    concurrency: { orders: 8, lifecycle: 1 },
  });
  workers.push(worker);
  return worker;
}

/** 20 jobs that failed once and wait for their retry (backoff), as after a supplier outage. */
async function makeRetrying(store: Store, orderIds: string[]): Promise<void> {
  await ingestOrders(database.repos, queues, store, orderIds);
  const failing = await start({
    [JobNames.placeSupplierOrder]: async () => {
      throw new Error('supplier timed out');
    },
  });
  await waitUntil('20 jobs in retry', async () => {
    const jobs = await Promise.all(
      orderIds.map((id) => queues.orders.getJob(supplierOrderJobId(store.id, id))),
    );
    return jobs.every((job) => job !== undefined && job.attemptsMade === 1);
  });
  await failing.close();
  workers.splice(workers.indexOf(failing), 1);
}

async function addDelayed(store: Store, orderIds: string[]): Promise<void> {
  for (const id of orderIds) {
    await database.repos.orders.saveOnce({
      storeId: store.id,
      platformOrderId: id,
      containsPlatformProducts: true,
      payload: { name: `#${id}`, supplierLines: [{ sku: 'SKU-0', quantity: 1, platformProductId: 'p0' }] },
    });
  }
  await queues.orders.addBulk(
    orderIds.map((orderId) => ({
      name: JobNames.placeSupplierOrder,
      data: { storeId: store.id, orderId },
      opts: { jobId: supplierOrderJobId(store.id, orderId), delay: 1500 },
    })),
  );
}

test('a disconnected store with a scheduler, 500 waiting, 500 delayed and 20 retrying order jobs places no supplier order, while another store runs untouched', async () => {
  const { repos } = database;
  const leaving = await seedStore(repos, { platform: 'shopify' });
  const staying = await seedStore(repos, { platform: 'woocommerce' });
  const retrying = ids('r', 20);
  const waiting = ids('w', 500);
  const delayed = ids('d', 500);
  const others = ids('o', 100);

  await makeRetrying(leaving, retrying);
  await ingestOrders(repos, queues, leaving, waiting);
  await addDelayed(leaving, delayed);
  await ingestOrders(repos, queues, staying, others);
  await queues.scheduleOrderSync(leaving.id, { everyMs: 60_000 });
  await queues.scheduleOrderSync(staying.id, { everyMs: 60_000 });
  const counts = await queues.orders.getJobCounts('waiting', 'delayed');
  expect(counts).toEqual({ waiting: 600, delayed: 520 });

  // The lifecycle job runs first, so every order job of the store is still queued when the gate closes.
  const deps = processorDeps(repos, queues);
  const processors = createProcessors(deps);
  const event = await recordDisconnect(repos, queues, leaving);
  const lifecycle = await start({ [JobNames.storeDisconnected]: processors[JobNames.storeDisconnected] });
  await waitUntil(
    'disconnect applied',
    async () => (await repos.stores.findById(leaving.id))?.state === 'disconnected',
  );
  await lifecycle.close();

  expect(await queues.orderSync.getJobScheduler(orderSyncSchedulerId(leaving.id))).toBeFalsy();
  expect(await queues.orderSync.getJobScheduler(orderSyncSchedulerId(staying.id))).toBeTruthy();

  await start(processors);
  await waitUntil(
    'every order job finished',
    async () => {
      const left = await queues.orders.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      return Object.values(left).every((n) => n === 0);
    },
    60_000,
  );

  const leavingJobs = await Promise.all(
    [...retrying, ...waiting, ...delayed].map((id) =>
      queues.orders.getJob(supplierOrderJobId(leaving.id, id)),
    ),
  );
  const skipped = leavingJobs.filter(
    (job) => job?.finishedOn && (job.returnvalue as { reason?: string })?.reason === 'store disconnected',
  );
  const placedForLeaving = await repos.teamSupplierOrders.countByStore(leaving.id);
  const placedForStaying = await repos.teamSupplierOrders.countByStore(staying.id);
  const report = await repos.disconnectReports.findByEvent(event.event.id);
  console.log(
    `disconnect scenario: skipped ${skipped.length}/1020 jobs of the leaving store, ` +
      `supplier orders placed for it: ${placedForLeaving}, for the other store: ${placedForStaying}/100, ` +
      `pending orders in the report: ${report?.pendingOrdersCount}`,
  );
  expect(placedForLeaving).toBe(0);
  expect(await repos.supplierOrders.listByStore(leaving.id, 10)).toEqual([]);
  expect(skipped).toHaveLength(1020);
  expect(placedForStaying).toBe(100);
  expect(await repos.orders.countByStatus(staying.id, 'placed')).toBe(100);

  expect(report?.pendingOrdersCount).toBe(1020);
  expect(new Set(report?.pendingOrders.map((o) => o.platformOrderId))).toEqual(
    new Set([...retrying, ...waiting, ...delayed]),
  );
  expect(report?.billing).toMatchObject({ kind: 'ended_by_shopify' });
  expect((await repos.lifecycleEvents.findById(event.event.id))?.outcome).toBe('applied');
  expect((await repos.subscriptions.findLatestByStore(leaving.id))?.status).toBe('cancelled');
  await waitUntil(
    'merchant told',
    async () => (await repos.outbox.list({ tag: 'products_left', limit: 10 })).length === 1,
  );
  const [message] = await repos.outbox.list({ tag: 'products_left', limit: 10 });
  expect(message?.text).toContain('1020 orders were not sent to the supplier');
  expect(message?.text).toContain('Billing ended by Shopify, access until');
  expect(message?.text).toContain(`/api/stores/${leaving.id}/products-left.csv`);
});

test('an order arriving by webhook after the disconnect is not taken', async () => {
  const { repos } = database;
  const store = await seedStore(repos, { platform: 'woocommerce' });
  await repos.stores.update(store.id, { state: 'disconnected', automationEnabled: false });
  const result = await ingestOrder(
    { repos, queues },
    { storeId: store.id, order: platformOrder('late'), via: 'webhook' },
  );
  expect(result).toEqual({ status: 'skipped', reason: 'store disconnected' });
  expect(await repos.orders.findByPlatformId(store.id, 'late')).toBeNull();
});
