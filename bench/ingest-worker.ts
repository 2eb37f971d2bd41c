/*
 * The worker process of the end-to-end measure: the real processors (built-in
 * supplier, outbox mailer) on the benchmark database, printing
 * `DONE <storeId> <epoch ms>` when a store's disconnect job has finished
 * (store disconnected, automation stopped, report built). Before it says
 * READY it gives each store of `--schedule` an order-sync schedule (daily, so
 * no sync runs during the measure), for the ingest to stop.
 *   --location=<json> --redis --prefix --concurrency
 *   --schedule=<targets file>,<shopify|bridge>,<from>,<count>   --nice=<0-19>
 */
import os from 'node:os';
import pino from 'pino';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import { createJobDurationRecorder } from '@dropship/server';
import { startWorker } from '@dropship/worker';
import { args, benchProcessors, openBenchDatabase, targetStoreIds } from './support';
import type { BenchDatabaseLocation } from './support';

async function main(): Promise<void> {
  const flags = args();
  const location = JSON.parse(flags.get('location') ?? '{}') as BenchDatabaseLocation;
  const redisUrl = flags.get('redis') ?? 'redis://127.0.0.1:6379';
  const prefix = flags.get('prefix') ?? 'bench';
  const concurrency = Number(flags.get('concurrency') ?? 128);
  // The worker's backlog is not what the sender waits for: on a shared machine it yields to ingest.
  if (flags.has('nice')) os.setPriority(Number(flags.get('nice')));
  const bench = await openBenchDatabase(location);
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix });
  const schedule = flags.get('schedule');
  if (schedule) {
    if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
    const [file, target, from, count] = schedule.split(',');
    const ids = targetStoreIds(file ?? '', target ?? 'shopify', Number(from), Number(count));
    const nextRun = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < ids.length; i += 200) {
      await Promise.all(
        // Connected long before their uninstall: each store's next sync is hours away, none is waiting.
        ids
          .slice(i, i + 200)
          .map((id) => queues.scheduleOrderSync(id, { everyMs: 86_400_000, firstRunAt: nextRun })),
      );
    }
  }
  const waiting = await queues.orderSync.getWaitingCount();
  if (waiting > 0)
    throw new Error(`${waiting} order syncs are waiting: the worker would run them during the measure.`);
  const repos = bench.repos;
  const processors: Partial<ReturnType<typeof benchProcessors>> = benchProcessors(repos, queues);
  // The stores have no platform to pull orders from: their schedules are there to be stopped, not run.
  delete processors['sync-store-orders'];
  const disconnect = processors['store-disconnected'];
  if (!disconnect) throw new Error('no store-disconnected processor');
  const lines: string[] = [];
  processors['store-disconnected'] = async (payload, context) => {
    const result = await disconnect(payload, context);
    lines.push(`DONE ${payload.storeId} ${Date.now()}`);
    if (lines.length >= 100) process.stdout.write(`${lines.splice(0).join('\n')}\n`);
    return result;
  };
  const flush = setInterval(() => {
    if (lines.length > 0) process.stdout.write(`${lines.splice(0).join('\n')}\n`);
  }, 50);
  const worker = await startWorker({
    redisUrl,
    prefix,
    processors,
    // Notifications at the worker's default: they follow `disconnected`, which is what is timed.
    concurrency: { lifecycle: concurrency, notifications: 32 },
    log: pino({ level: 'warn' }, pino.destination(2)),
    // As `start worker` does: every job's duration goes to the fleet's histogram in Redis.
    onJobSettled: createJobDurationRecorder({ connection: producer, prefix }),
  });
  process.stdout.write('READY\n');
  process.on('SIGTERM', () => {
    clearInterval(flush);
    if (lines.length > 0) process.stdout.write(`${lines.splice(0).join('\n')}\n`);
    void worker
      .close({ force: true })
      .then(() => queues.closeAll())
      .then(() => closeRedisConnection(producer))
      .then(() => bench.db.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
