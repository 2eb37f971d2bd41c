import type { Config } from '@dropship/config';
import { createQueues, createRedisReplayGuard } from '@dropship/queues';
import { BRIDGE_REPLAY_WINDOW_MS } from '@dropship/woocommerce';
import {
  createApp,
  createJobDurationRecorder,
  shopifyAdapterFromConfig,
  startServer,
} from '@dropship/server';
import type { RunningServer } from '@dropship/server';
import { EVENT_SWEEP_DEFAULTS, eventRecoveryTask, startRecoveryLoop, startWorker } from '@dropship/worker';
import type { CloseWorkerOptions, RunningWorker } from '@dropship/worker';
import type { Logger } from 'pino';
import { ErrorKinds, systemClock } from '@dropship/core';
import type { ShopifyAdapter } from '@dropship/shopify';
import { createEventIngestor } from '@dropship/lifecycle';
import type { CliIo } from '../cli-io';
import { createCloseStack } from '../compose/close-stack';
import type { CloseStack } from '../compose/close-stack';
import { createProcessors } from '../compose/processors';
import { workerChores } from '../compose/chores';
import { scheduleBilling } from '../compose/billing';
import { connectRedis } from '../compose/redis';
import type { RedisConnection } from '../compose/redis';
import { openStorage } from '../compose/storage';
import type { Storage } from '../compose/storage';
import { seedDemoOnStart } from '../demo/seed-on-start';
import { CliError } from '../errors';
import type { StartRole } from '../parse-command';

/** Everything `start` opened; close() releases it all, newest first. */
export interface RunningApp {
  server?: RunningServer;
  worker?: RunningWorker;
  /** `force` stops waiting for in-flight jobs. Idempotent. */
  close(options?: CloseWorkerOptions): Promise<void>;
}

interface Opened {
  config: Config;
  log: Logger;
  redis: RedisConnection;
  storage: Storage;
  queues: ReturnType<typeof createQueues>;
  shopify: ShopifyAdapter;
  closers: CloseStack;
}

/**
 * Queues the jobs of events recorded but never queued (a process died between
 * the two writes): once at start with no age limit, since a racing process's
 * enqueue uses the same job id, then every 30 s for older ones.
 */
async function startEventRecovery(opened: Opened): Promise<void> {
  const { log, storage, queues, closers } = opened;
  const deps = { repos: storage.repositories, queues, clock: systemClock };
  try {
    // Nothing of this process is in flight yet: every pending event is looked at, not only old ones.
    const result = await eventRecoveryTask(deps, { ...EVENT_SWEEP_DEFAULTS, minAgeMs: 0 }).run();
    log.info({ result }, 'pending lifecycle events checked at start');
  } catch (err) {
    log.warn({ err }, 'checking pending lifecycle events failed; the periodic sweep tries again');
  }
  const loop = startRecoveryLoop({ tasks: [eventRecoveryTask(deps)], log });
  closers.add('event recovery', () => loop.stop());
}

async function runServer(opened: Opened): Promise<RunningServer> {
  const { config, log, redis, storage, queues, closers } = opened;
  await startEventRecovery(opened);
  const ingest = createEventIngestor({ repos: storage.repositories, queues, clock: systemClock });
  const app = createApp({
    db: storage.db,
    redis,
    log,
    config,
    repos: storage.repositories,
    queues,
    clock: systemClock,
    shopify: opened.shopify,
    ingest,
    replayGuard: createRedisReplayGuard({
      connection: redis,
      prefix: config.queuePrefix,
      windowMs: BRIDGE_REPLAY_WINDOW_MS,
    }),
  });
  const server = await startServer({ app, port: config.port, log });
  closers.add('HTTP server', () => server.close());
  return server;
}

async function runWorker(opened: Opened, role: StartRole): Promise<RunningWorker | undefined> {
  const { config, log, storage, queues, closers } = opened;
  const processors = createProcessors({ config, log, storage, queues, shopify: opened.shopify });
  if (Object.keys(processors).length === 0) {
    if (role === 'worker') {
      throw new CliError(
        ErrorKinds.unavailable,
        'No job processor is registered, so a worker would consume nothing.',
      );
    }
    log.warn('no job processor is registered: the worker is not started');
    return undefined;
  }
  const worker = await startWorker({
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    processors,
    concurrency: config.workerConcurrency,
    log,
    // Durations go to Redis, where any server's /metrics reads the whole fleet's histogram.
    onJobSettled: createJobDurationRecorder({ connection: opened.redis, prefix: config.queuePrefix }),
  });
  closers.add('worker', () => worker.close());
  const chores = startRecoveryLoop({ tasks: workerChores(config, storage, queues), log });
  closers.add('worker chores', () => chores.stop());
  if (worker.queues.includes('billing')) await scheduleBilling(queues);
  return worker;
}

function printUrls(io: CliIo, config: Config, running: Omit<RunningApp, 'close'>): void {
  const parts = [running.server && 'HTTP server', running.worker && 'worker'].filter(Boolean).join(' and ');
  io.out(`Dropship Connect is running (${parts}).`);
  if (running.server) {
    const { url } = running.server;
    io.out(`  Local:      ${url}`);
    // The default SHOPIFY_APP_URL is this local URL; a set one is where Shopify and WordPress reach us.
    if (new URL(config.appUrl).hostname !== 'localhost')
      io.out(`  Public:     ${config.appUrl}   (SHOPIFY_APP_URL)`);
    io.out(`  Liveness:   ${url}/healthz`);
    io.out(`  Readiness:  ${url}/readyz`);
  }
  if (running.worker)
    io.out(`  Queues:     ${running.worker.queues.join(', ')} (prefix "${config.queuePrefix}")`);
  io.out('Stop with Ctrl+C (SIGINT) or SIGTERM.');
}

/**
 * Starts the server, the worker, or both in this process: Redis first (found
 * or started), then the database (migrated for `all`), then the processes.
 */
export async function start(role: StartRole, config: Config, log: Logger, io: CliIo): Promise<RunningApp> {
  const closers = createCloseStack(log);
  try {
    const redis = await connectRedis(config, log, closers);
    const storage = await openStorage(config, log, closers, { migrate: role === 'all' });
    const queues = createQueues({ connection: redis, prefix: config.queuePrefix, log });
    closers.add('queues', () => queues.closeAll());
    // One Shopify adapter per process, shared by the server's routes and the worker's order sync.
    const shopify = shopifyAdapterFromConfig(config, { log });
    const opened: Opened = { config, log, redis, storage, queues, shopify, closers };
    const server = role === 'worker' ? undefined : await runServer(opened);
    const worker = role === 'server' ? undefined : await runWorker(opened, role);
    const running = { server, worker };
    // Seeded before the URLs are printed: whoever waits for them finds the demo ready.
    const demoLines =
      server && config.nodeEnv === 'development'
        ? await seedDemoOnStart({ config, repos: storage.repositories, queues, clock: systemClock }, log)
        : [];
    printUrls(io, config, running);
    for (const line of demoLines) io.out(line);
    return {
      ...running,
      close: async (options) => {
        if (options?.force) await worker?.close({ force: true });
        await closers.closeAll();
      },
    };
  } catch (error) {
    await closers.closeAll().catch(() => undefined);
    throw error;
  }
}
