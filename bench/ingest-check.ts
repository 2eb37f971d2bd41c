/*
 * What the end-to-end measure checks once every request of the open loop has
 * been answered: of the stores it sent a disconnect for, how many are still
 * `connected`, still have their automation gate open, or still have an
 * order-sync schedule. Each must be 0: the 2xx comes after the stop.
 *   --location=<json> --redis --prefix --targets=<file> --target=shopify|bridge --from --count
 * Prints `READY` once connected, then checks on SIGUSR2 and prints
 * `RESULT {stores, connected, gateOpen, scheduled}`: started before the
 * storm, its start-up (a second of CPU) stays out of the span the end-to-end
 * figures measure, where it would take cores from the worker.
 */
import {
  closeRedisConnection,
  createQueues,
  createRedisConnection,
  orderSyncSchedulerId,
} from '@dropship/queues';
import { args, emit, openBenchDatabase, targetStoreIds } from './support';
import type { BenchDatabaseLocation } from './support';

async function main(): Promise<void> {
  const flags = args();
  const location = JSON.parse(flags.get('location') ?? '{}') as BenchDatabaseLocation;
  const ids = targetStoreIds(
    flags.get('targets') ?? '',
    flags.get('target') ?? 'shopify',
    Number(flags.get('from') ?? 0),
    Number(flags.get('count') ?? 0),
  );
  const bench = await openBenchDatabase(location);
  const redis = createRedisConnection(flags.get('redis') ?? 'redis://127.0.0.1:6379', 'producer');
  const queues = createQueues({ connection: redis, prefix: flags.get('prefix') ?? 'bench' });
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const go = new Promise((resolve) => process.once('SIGUSR2', resolve));
  // A benchmark that failed before asking would otherwise leave this process waiting for good.
  const orphaned = setTimeout(() => process.exit(2), 15 * 60_000);
  console.log('READY');
  await go;
  clearTimeout(orphaned);
  let connected = 0;
  let gateOpen = 0;
  for (let i = 0; i < ids.length; i += 500) {
    for (const store of await bench.repos.stores.findByIds(ids.slice(i, i + 500))) {
      if (store.state === 'connected') connected += 1;
      if (store.automationEnabled) gateOpen += 1;
    }
  }
  // The schedules left in this run's queue, read at once rather than looked up store by store.
  const wanted = new Set(ids.map(orderSyncSchedulerId));
  const left = await queues.orderSync.getJobSchedulers(0, -1);
  const scheduled = left.filter((scheduler) => wanted.has(scheduler.key)).length;
  emit({ stores: ids.length, connected, gateOpen, scheduled });
  await queues.closeAll();
  await closeRedisConnection(redis);
  await bench.db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
