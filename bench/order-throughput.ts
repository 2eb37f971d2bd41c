/*
 * Order-job throughput with `--workers` worker processes (each running the
 * real placeSupplierOrder processor, `--concurrency` jobs at once) on one
 * Redis and one PostgreSQL: `--orders` orders recorded first, their jobs added
 * once every worker is ready, timed until the last one is placed.
 * Run through bench/run.mjs, or: node -r ./test/support/register-ts.js bench/order-throughput.ts --workers=2
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pino from 'pino';
import {
  JobNames,
  closeRedisConnection,
  createQueues,
  createRedisConnection,
  supplierOrderJobId,
} from '@dropship/queues';
import { startWorker } from '@dropship/worker';
import {
  args,
  benchProcessors,
  dropPrefix,
  emit,
  newLocation,
  openBenchDatabase,
  redisUrl,
  round,
  uniquePrefix,
} from './support';
import type { BenchDatabaseLocation } from './support';

async function runWorker(
  location: BenchDatabaseLocation,
  prefix: string,
  concurrency: number,
): Promise<void> {
  const bench = await openBenchDatabase(location);
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix });
  await queues.orders.waitUntilReady();
  const processors = benchProcessors(bench.repos, queues);
  await startWorker({
    redisUrl,
    prefix,
    log: pino({ level: 'warn' }),
    processors: { [JobNames.placeSupplierOrder]: processors[JobNames.placeSupplierOrder] },
    concurrency: { orders: concurrency },
  });
  process.stdout.write('READY\n');
  // Killed by the parent when the run is over.
}

function spawnWorker(location: BenchDatabaseLocation, prefix: string, concurrency: number) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      __filename,
      '--phase=worker',
      `--location=${JSON.stringify(location)}`,
      `--prefix=${prefix}`,
      `--concurrency=${concurrency}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'READY' && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return { child, ready };
}

async function seedOrders(location: BenchDatabaseLocation, orders: number) {
  const bench = await openBenchDatabase(location, true);
  const stores = [];
  for (let s = 0; s < 4; s += 1) {
    stores.push(await bench.repos.stores.create({ platform: 'woocommerce', domain: `tp-${s}.example.com` }));
  }
  const jobs = [];
  for (let i = 0; i < orders; i += 1) {
    const store = stores[i % stores.length]!;
    const orderId = `${100_000 + i}`;
    await bench.repos.orders.saveOnce({
      storeId: store.id,
      platformOrderId: orderId,
      containsPlatformProducts: true,
      payload: {
        name: `#${orderId}`,
        supplierLines: [{ sku: 'SKU-1', quantity: 1, platformProductId: '1' }],
      },
    });
    jobs.push({
      name: JobNames.placeSupplierOrder,
      data: { storeId: store.id, orderId },
      opts: { jobId: supplierOrderJobId(store.id, orderId) },
    });
  }
  return { bench, stores, jobs };
}

async function measure(workers: number, orders: number, concurrency: number) {
  const location = newLocation('postgres');
  const prefix = uniquePrefix('throughput');
  const { bench, jobs } = await seedOrders(location, orders);
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix });
  const children: ChildProcess[] = [];
  try {
    const spawned = Array.from({ length: workers }, () => spawnWorker(location, prefix, concurrency));
    children.push(...spawned.map((s) => s.child));
    await Promise.all(spawned.map((s) => s.ready));
    const started = performance.now();
    for (let i = 0; i < jobs.length; i += 1000) await queues.orders.addBulk(jobs.slice(i, i + 1000));
    for (;;) {
      const row = (await bench.db.knex('team_supplier_orders').count({ n: '*' }).first()) as { n: unknown };
      if (Number(row.n) >= orders) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    return {
      workers,
      concurrencyPerWorker: concurrency,
      orders,
      ms: round(ms, 0),
      ordersPerSec: round(orders / (ms / 1000), 0),
    };
  } finally {
    children.forEach((child) => child.kill('SIGKILL'));
    await queues.closeAll();
    await closeRedisConnection(producer);
    await bench.destroy();
    await dropPrefix(prefix);
  }
}

async function main(): Promise<void> {
  const a = args();
  if (a.get('phase') === 'worker') {
    const location = JSON.parse(a.get('location') ?? '{}') as BenchDatabaseLocation;
    await runWorker(location, a.get('prefix') ?? '', Number(a.get('concurrency') ?? 4));
    return;
  }
  const workers = Number(a.get('workers') ?? 1);
  emit(await measure(workers, Number(a.get('orders') ?? 2000), Number(a.get('concurrency') ?? 4)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
