import { lifecycleJobId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { spawnWorker } from './support/child-worker';
import type { ChildWorker } from './support/child-worker';
import { openWorkerBed, redisUrl, uniquePrefix, waitUntil } from './support/environment';
import type { TestDatabase, WorkerBed } from './support/environment';
import { ingestOrders, recordDisconnect, seedStore } from './support/seed';

const prefix = uniquePrefix('two-workers');
let queues: Queues;
let database: TestDatabase;
let bed: WorkerBed;
const children: ChildWorker[] = [];

beforeAll(async () => {
  bed = await openWorkerBed(prefix, 'postgres');
  ({ queues, database } = bed);
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await bed?.close();
});

test('two worker processes on the same queues place every order once and run each disconnect once', async () => {
  const { repos } = database;
  const stores = await Promise.all([
    seedStore(repos, { platform: 'shopify' }),
    seedStore(repos, { platform: 'woocommerce', locale: 'fr_FR' }),
  ]);
  const leaving = await seedStore(repos, { platform: 'woocommerce' });
  const orderIds = Array.from({ length: 150 }, (_, i) => `${1000 + i}`);
  await ingestOrders(repos, queues, leaving, ['9001', '9002', '9003']);

  for (let i = 0; i < 2; i += 1) {
    const child = spawnWorker({
      redisUrl,
      prefix,
      databaseUrl: database.url,
      dataDir: database.dataDir,
      keyHex: database.keyHex,
      orderConcurrency: 4,
      lockDurationMs: 5000,
      stalledIntervalMs: 1000,
    });
    children.push(child);
  }
  await Promise.all(children.map((child) => child.waitFor((e) => e.event === 'ready', 'ready')));
  const event = await recordDisconnect(repos, queues, leaving);
  // The same disconnect delivered again (a sender retry) is one event and one job.
  await recordDisconnect(repos, queues, leaving, event.event.triggeredAt ?? undefined);
  await Promise.all(stores.map((store) => ingestOrders(repos, queues, store, orderIds)));

  await waitUntil(
    'every order placed',
    async () => {
      const placed = await Promise.all(stores.map((store) => repos.orders.countByStatus(store.id, 'placed')));
      return placed.every((n) => n === orderIds.length);
    },
    60_000,
  );
  await waitUntil(
    'disconnect done',
    async () => (await queues.lifecycle.getJobState(lifecycleJobId(event.event.id))) === 'completed',
  );
  await waitUntil('notifications written', async () => (await repos.outbox.list({ limit: 10 })).length === 2);

  const calls = children.flatMap((child) => child.events).filter((e) => e.event === 'supplier-call');
  const keys = calls
    .filter((e) => e.created === true && e.storeId !== leaving.id)
    .map((e) => `${e.storeId as string}/${e.orderId as string}`);
  const duplicated = keys.length - new Set(keys).size;
  const lost = stores.length * orderIds.length - new Set(keys).size;
  const byProcess = children.map((child) => child.events.filter((e) => e.event === 'supplier-call').length);
  console.log(
    `two workers: supplier orders ${new Set(keys).size}/${stores.length * orderIds.length}, duplicated ${duplicated}, lost ${lost}, calls per process ${byProcess.join(' + ')}`,
  );
  expect(duplicated).toBe(0);
  expect(lost).toBe(0);
  expect(calls.filter((e) => e.created !== true)).toHaveLength(0);
  for (const store of stores)
    expect(await repos.teamSupplierOrders.countByStore(store.id)).toBe(orderIds.length);

  // The leaving store's orders raced its disconnect: each was either placed before the gate closed or reported.
  const report = await repos.disconnectReports.findLatestByStore(leaving.id);
  expect(report?.eventId).toBe(event.event.id);
  const placedBeforeLeaving = await repos.teamSupplierOrders.countByStore(leaving.id);
  const notPlaced = report?.pendingOrders.filter((o) => o.placement === 'not_placed').length ?? 0;
  expect(placedBeforeLeaving + notPlaced).toBe(3);
  expect(report?.billing).toMatchObject({ kind: 'platform_still_active' });
  const messages = await repos.outbox.list({ limit: 10 });
  expect(messages.map((m) => m.tags[0]).sort()).toEqual(['products_left', 'team_disconnect_alert']);
  const merchant = messages.find((m) => m.tags.includes('merchant'));
  expect(merchant?.text).toContain(
    'Your monthly subscription is still active — cancel it in Settings → Store management.',
  );
});
