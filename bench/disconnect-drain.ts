/*
 * How fast one worker process turns a backlog of uninstalls into
 * disconnected stores: seeds Shopify stores (each with an order-sync
 * schedule and a Shopify subscription), records one `app/uninstalled` event
 * per store through the real ingest (events, gate closed, jobs queued), then
 * starts the worker with the real processors and times the backlog until
 * every store is `disconnected` and both notifications of each are written.
 * Prints `RESULT {count, seconds, perSecond, cpuUsPerStore, redisUsPerStore}`.
 *   --dialect=sqlite|postgres --count=3000 --concurrency=128 --notification-concurrency=32 (the worker's defaults)
 */
import pino from 'pino';
import { systemClock } from '@dropship/core';
import { ingestEvents } from '@dropship/lifecycle';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import { createJobDurationRecorder } from '@dropship/server';
import { startWorker } from '@dropship/worker';
import { Redis } from 'ioredis';
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

async function redisCpuUs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

async function main(): Promise<void> {
  const flags = args();
  const dialect = flags.get('dialect') === 'postgres' ? 'postgres' : 'sqlite';
  const count = Number(flags.get('count') ?? 3000);
  const concurrency = Number(flags.get('concurrency') ?? 128);
  const notificationConcurrency = Number(flags.get('notification-concurrency') ?? 32);
  const bench = await openBenchDatabase(newLocation(dialect), true);
  const prefix = uniquePrefix('drain');
  const producer = createRedisConnection(redisUrl, 'producer');
  const admin = new Redis(redisUrl);
  if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
  const queues = createQueues({ connection: producer, prefix });
  const { repos } = bench;
  try {
    const installedAt = new Date(Date.now() - 86_400_000);
    const nextRun = new Date(Date.now() + 3_600_000);
    const periodEnd = new Date(Date.now() + 20 * 86_400_000);
    const ids: string[] = [];
    for (let from = 0; from < count; from += 100) {
      const stores = await Promise.all(
        Array.from({ length: Math.min(100, count - from) }, async (_, i) => {
          const store = await repos.stores.create({
            platform: 'shopify',
            domain: `d${from + i}-${prefix}.myshopify.com`,
            installedAt,
          });
          await repos.subscriptions.create({
            storeId: store.id,
            provider: 'shopify',
            status: 'active',
            planName: 'Basic',
            priceMinor: 1900,
            currency: 'USD',
            currentPeriodStart: installedAt,
            currentPeriodEnd: periodEnd,
          });
          // Connected for a day: the next sync is hours away, none is waiting.
          await queues.scheduleOrderSync(store.id, { everyMs: 86_400_000, firstRunAt: nextRun });
          return store;
        }),
      );
      ids.push(...stores.map((store) => store.id));
      await ingestEvents(
        { repos, queues, clock: systemClock },
        stores.map((store, i) => ({
          channel: 'shopify',
          deliveryId: `drain-${from + i}`,
          storeId: store.id,
          source: 'shopify_uninstall' as const,
          topic: 'app/uninstalled',
          triggeredAt: new Date(),
          payload: { shop_id: from + i, myshopify_domain: store.domain, plan_name: 'basic' },
          correlationId: null,
        })),
      );
    }
    const waiting = await queues.orderSync.getWaitingCount();
    if (waiting > 0) throw new Error(`${waiting} order syncs are waiting: the backlog would include them.`);

    let disconnected = 0;
    let notified = 0;
    let finished: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const check = () => {
      if (disconnected >= count && notified >= 2 * count) finished();
    };
    const processors = benchProcessors(repos, queues);
    const disconnect = processors['store-disconnected'];
    const notify = processors['send-notification'];
    processors['store-disconnected'] = async (payload, context) => {
      const result = await disconnect(payload, context);
      disconnected += 1;
      check();
      return result;
    };
    processors['send-notification'] = async (payload, context) => {
      const result = await notify(payload, context);
      notified += payload.kinds.length;
      check();
      return result;
    };
    const cpuBefore = process.cpuUsage();
    const redisBefore = await redisCpuUs(admin);
    const started = performance.now();
    const worker = await startWorker({
      redisUrl,
      prefix,
      processors,
      concurrency: { lifecycle: concurrency, notifications: notificationConcurrency },
      log: pino({ level: 'warn' }, pino.destination(2)),
      // As `start worker` does: every job's duration goes to the fleet's histogram in Redis.
      onJobSettled: createJobDurationRecorder({ connection: producer, prefix }),
    });
    await allDone;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const redisUs = (await redisCpuUs(admin)) - redisBefore;
    await worker.close();
    const left = await bench.db
      .knex('stores')
      .whereIn('id', ids)
      .whereNot({ state: 'disconnected' })
      .count({ n: '*' });
    emit({
      dialect,
      count,
      concurrency,
      notificationConcurrency,
      notLeftDisconnected: Number((left[0] as { n: number | string }).n),
      seconds: round(seconds),
      perSecond: Math.round(count / seconds),
      cpuUsPerStore: Math.round((cpu.user + cpu.system) / count),
      redisUsPerStore: Math.round(redisUs / count),
    });
  } finally {
    await queues.closeAll();
    await closeRedisConnection(producer);
    await dropPrefix(prefix);
    admin.disconnect();
    await bench.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
