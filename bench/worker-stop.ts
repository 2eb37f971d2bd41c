/*
 * Stop order automation for one store while the orders queue holds `--sizes`
 * jobs of other stores. Prints, per size, the median time of the stop (gate
 * closed + scheduler removed) and of the whole disconnect job, over `--stores` stores,
 * after `--warmup` (30) unmeasured ones.
 * Run: node -r ./test/support/register-ts.js bench/worker-stop.ts --sizes=1000,1000000
 */
import { performance } from 'node:perf_hooks';
import { systemClock } from '@dropship/core';
import type { Store } from '@dropship/core';
import { disconnectStore, ingestEvent, placeSupplierOrder, createBuiltInSupplier } from '@dropship/lifecycle';
import {
  JobNames,
  closeRedisConnection,
  createQueues,
  createRedisConnection,
  supplierOrderJobId,
} from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import {
  args,
  dropPrefix,
  emit,
  median,
  newLocation,
  openBenchDatabase,
  redisUrl,
  round,
  uniquePrefix,
} from './support';
import type { BenchDatabase } from './support';

const BATCH = 5000;

async function fillOthers(queues: Queues, from: number, count: number): Promise<number> {
  const started = performance.now();
  const pipeline: Array<Promise<unknown>> = [];
  for (let offset = from; offset < count; offset += BATCH) {
    const size = Math.min(BATCH, count - offset);
    const jobs = Array.from({ length: size }, (_, i) => {
      const n = offset + i;
      const storeId = `other-${n % 997}`;
      return {
        name: JobNames.placeSupplierOrder,
        data: { storeId, orderId: `o${n}` },
        opts: { jobId: supplierOrderJobId(storeId, `o${n}`), ...(n % 2 ? { delay: 3_600_000 } : {}) },
      };
    });
    pipeline.push(queues.orders.addBulk(jobs));
    // A few batches in flight: Redis works while the next batch is built.
    if (pipeline.length >= 4) await pipeline.shift();
  }
  await Promise.all(pipeline);
  return performance.now() - started;
}

async function prepareStore(bench: BenchDatabase, queues: Queues, ownJobs: number): Promise<Store> {
  const { repos } = bench;
  const store = await repos.stores.create({
    platform: 'woocommerce',
    domain: `stop-${Math.random().toString(36).slice(2)}.example.com`,
    installedAt: new Date(Date.now() - 3_600_000),
  });
  await queues.scheduleOrderSync(store.id, { everyMs: 60_000 });
  for (let i = 0; i < ownJobs; i += 1) {
    await repos.orders.saveOnce({
      storeId: store.id,
      platformOrderId: `own${i}`,
      containsPlatformProducts: true,
      payload: { name: `#own${i}`, supplierLines: [{ sku: 'A', quantity: 1 }] },
    });
  }
  await queues.orders.addBulk(
    Array.from({ length: ownJobs }, (_, i) => ({
      name: JobNames.placeSupplierOrder,
      data: { storeId: store.id, orderId: `own${i}` },
      opts: { jobId: supplierOrderJobId(store.id, `own${i}`) },
    })),
  );
  return store;
}

async function stopOne(bench: BenchDatabase, queues: Queues, store: Store) {
  const deps = { repos: bench.repos, queues, clock: systemClock };
  const { event } = await ingestEvent(deps, {
    channel: 'wp_bridge',
    deliveryId: `bench-${store.id}`,
    storeId: store.id,
    source: 'wp_deleted',
    topic: 'plugin_deleted',
    triggeredAt: new Date(),
    payload: {},
    correlationId: null,
  });
  const t0 = performance.now();
  // The stop itself: the gate closes (one row) and the scheduler goes (one key).
  await bench.repos.stores.updateIf(store.id, 'connected', {
    state: 'disconnecting',
    automationEnabled: false,
    disconnectedAt: event.triggeredAt,
    disconnectSource: 'wp_deleted',
  });
  await queues.unscheduleOrderSync(store.id);
  const stopMs = performance.now() - t0;
  const t1 = performance.now();
  await disconnectStore(deps, {
    eventId: event.id,
    storeId: store.id,
    source: 'wp_deleted',
    occurredAt: (event.triggeredAt ?? new Date()).toISOString(),
  });
  const jobMs = performance.now() - t1;
  // Proof the gate holds: one of the store's queued jobs, run now, does nothing.
  const skipped = await placeSupplierOrder(
    { repos: bench.repos, supplier: createBuiltInSupplier({ repos: bench.repos }) },
    { storeId: store.id, orderId: 'own0' },
  );
  if (!('skipped' in skipped)) throw new Error('a job of the stopped store was not skipped');
  return { stopMs, jobMs };
}

async function measureAt(
  bench: BenchDatabase,
  queues: Queues,
  others: number,
  filled: number,
  params: { stores: number; ownJobs: number },
) {
  const fillMs = await fillOthers(queues, filled, others);
  const counts = await queues.orders.getJobCounts('waiting', 'delayed');
  const prepared: Store[] = [];
  for (let i = 0; i < params.stores; i += 1) prepared.push(await prepareStore(bench, queues, params.ownJobs));
  const runs = [];
  for (const store of prepared) runs.push(await stopOne(bench, queues, store));
  return {
    others,
    queued: counts,
    fillMs: round(fillMs, 0),
    fillJobsPerSec: round((others - filled) / (fillMs / 1000), 0),
    stores: params.stores,
    ownJobsPerStore: params.ownJobs,
    stopMedianMs: round(median(runs.map((r) => r.stopMs)), 3),
    disconnectJobMedianMs: round(median(runs.map((r) => r.jobMs)), 3),
  };
}

/*
 * Both sizes are measured in one process, one after the other (the large
 * queue is the small one topped up), so machine load affects both alike.
 */
async function main(): Promise<void> {
  const a = args();
  const sizes = (a.get('sizes') ?? a.get('others') ?? '1000').split(',').map(Number);
  const params = { stores: Number(a.get('stores') ?? 100), ownJobs: Number(a.get('own') ?? 20) };
  const prefix = uniquePrefix('stop');
  const connection = createRedisConnection(redisUrl, 'worker');
  const queues = createQueues({ connection, prefix });
  const dialect = a.get('dialect') === 'sqlite' ? 'sqlite' : 'postgres';
  const bench = await openBenchDatabase(newLocation(dialect), true);
  try {
    // Unmeasured: the first stops of a fresh process run before its code is
    // compiled, and would weigh on whichever size came first.
    for (let i = 0; i < Number(a.get('warmup') ?? 30); i += 1)
      await stopOne(bench, queues, await prepareStore(bench, queues, params.ownJobs));
    await queues.orders.drain(true);
    const results = [];
    let filled = 0;
    for (const size of sizes) {
      results.push({ dialect, ...(await measureAt(bench, queues, size, filled, params)) });
      filled = size;
    }
    emit({ results });
  } finally {
    await queues.closeAll();
    await closeRedisConnection(connection);
    await bench.destroy();
    await dropPrefix(prefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
