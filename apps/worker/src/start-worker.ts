import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ErrorKinds } from '@dropship/core';
import { allQueueNames, closeRedisConnection, createRedisConnection, jobNamesOf } from '@dropship/queues';
import type { Processors, QueueName } from '@dropship/queues';
import { WorkerError } from './errors';
import { createInflightJobs } from './inflight-jobs';
import type { InflightJobs } from './inflight-jobs';
import { yieldNotificationsToLifecycle } from './notifications-yield';
import type { NotificationsYield, NotificationsYieldOptions } from './notifications-yield';
import { createQueueProcessor } from './run-job';
import type { RunJobParams } from './run-job';

export interface WorkerDeps {
  /** Redis URL; a worker-role connection is opened from it. Give this or `createConnection`. */
  redisUrl?: string;
  /** Opens a worker-role connection (`maxRetriesPerRequest: null`); the worker closes it. */
  createConnection?: () => Redis;
  /** Redis key prefix shared with the producers. */
  prefix: string;
  /** Processors by job name; a Worker starts only for queues with at least one. */
  processors: Partial<Processors>;
  /** Jobs run in parallel per queue (default 1 per queue, 5 for notifications). */
  concurrency?: Partial<Record<QueueName, number>>;
  log: Logger;
  /** How often each worker looks for stalled jobs (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** Lock of an active job; after a crash the job is recovered once it expires (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** Stalls tolerated before a job fails (default 2: a forced shutdown plus a crash). */
  maxStalledCount?: number;
  /** How long to wait for Redis at start (default 10 s). */
  readyTimeoutMs?: number;
  /** Told of every finished job attempt (the ops job duration histogram). */
  onJobSettled?: RunJobParams['onJobSettled'];
  /**
   * When this process runs both lifecycle and notification jobs, notifications
   * wait while disconnects are backlogged (see yieldNotificationsToLifecycle).
   * On by default; false turns it off.
   */
  yieldNotifications?: NotificationsYieldOptions | false;
}

export interface CloseWorkerOptions {
  /** Do not wait for in-flight jobs: they stay active until their lock expires, then are re-run (stalled). */
  force?: boolean;
}

export interface RunningWorker {
  /** Queues this process consumes. */
  readonly queues: readonly QueueName[];
  /** Stops taking jobs, waits for in-flight ones (unless forced), closes connections. Idempotent. */
  close(options?: CloseWorkerOptions): Promise<void>;
}

const defaultConcurrency: Partial<Record<QueueName, number>> = { notifications: 5 };

function concurrencyOf(queue: QueueName, deps: Pick<WorkerDeps, 'concurrency'>): number {
  return deps.concurrency?.[queue] ?? defaultConcurrency[queue] ?? 1;
}

function queuesToRun(processors: Partial<Processors>): QueueName[] {
  const handled = new Set(Object.keys(processors));
  return allQueueNames.filter((queue) => jobNamesOf(queue).some((name) => handled.has(name)));
}

function openConnection(deps: WorkerDeps): Redis {
  if (deps.createConnection) return deps.createConnection();
  if (deps.redisUrl)
    return createRedisConnection(deps.redisUrl, 'worker', {
      log: deps.log,
      connectionName: 'dropship-worker',
    });
  throw new WorkerError(
    ErrorKinds.invalidInput,
    'The worker needs Redis: pass redisUrl or createConnection.',
  );
}

function createQueueWorker(
  queue: QueueName,
  connection: Redis,
  deps: WorkerDeps,
  inflight: InflightJobs,
): Worker {
  const worker = new Worker(
    queue,
    createQueueProcessor({
      queue,
      processors: deps.processors,
      log: deps.log,
      inflight,
      onJobSettled: deps.onJobSettled,
    }),
    {
      connection,
      prefix: deps.prefix,
      concurrency: concurrencyOf(queue, deps),
      stalledInterval: deps.stalledIntervalMs ?? 30_000,
      lockDuration: deps.lockDurationMs ?? 30_000,
      maxStalledCount: deps.maxStalledCount ?? 2,
    },
  );
  worker.on('error', (err) => deps.log.error({ err, queue }, 'worker error'));
  worker.on('stalled', (jobId) =>
    deps.log.warn({ queue, jobId }, 'job stalled; it goes back to waiting and runs again'),
  );
  worker.on('failed', (job, err) => {
    if (job && job.finishedOn)
      deps.log.error({ queue, jobId: job.id, jobName: job.name, reason: err.message }, 'job failed for good');
  });
  return worker;
}

async function waitUntilReady(workers: Worker[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WorkerError(
            ErrorKinds.unavailable,
            `Redis did not answer within ${timeoutMs} ms. Start Redis or fix REDIS_URL, then start the worker again.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(workers.map((w) => w.waitUntilReady())), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/*
 * BullMQ's close() cannot be forced once a graceful close is waiting (a second
 * call returns the first promise). So a graceful close first pauses fetching
 * and waits for our own in-flight count; a force request cuts that wait short
 * and then closes with force: abandoned jobs keep their lock until it expires,
 * then the stalled check moves them back to waiting and another worker runs them.
 */
function closer(
  workers: Worker[],
  connection: Redis,
  inflight: InflightJobs,
  beforeClose: () => Promise<void>,
): RunningWorker['close'] {
  let forced = false;
  let requestForce: () => void = () => undefined;
  const forceRequested = new Promise<void>((resolve) => {
    requestForce = resolve;
  });
  let closing: Promise<void> | undefined;
  return async ({ force = false } = {}) => {
    if (force) {
      forced = true;
      requestForce();
    }
    closing ??= (async () => {
      await beforeClose();
      if (!forced) {
        await Promise.all(workers.map((w) => w.pause(true)));
        await Promise.race([inflight.idle(), forceRequested]);
      }
      await Promise.all(workers.map((w) => w.close(forced)));
      await closeRedisConnection(connection);
    })();
    await closing;
  };
}

/**
 * Starts one BullMQ Worker per queue that has processors. Every job's payload
 * is validated before its processor runs; invalid payloads fail without retry.
 */
export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const queues = queuesToRun(deps.processors);
  if (queues.length === 0) {
    throw new WorkerError(
      ErrorKinds.invalidInput,
      'No processors given: the worker would consume no queue. Register at least one processor.',
    );
  }
  const connection = openConnection(deps);
  const inflight = createInflightJobs();
  const workers = queues.map((queue) => createQueueWorker(queue, connection, deps, inflight));
  let yielding: NotificationsYield | undefined;
  const close = closer(workers, connection, inflight, async () => yielding?.stop());
  try {
    await waitUntilReady(workers, deps.readyTimeoutMs ?? 10_000);
  } catch (error) {
    await close({ force: true });
    throw error;
  }
  const notifications = workers[queues.indexOf('notifications')];
  if (notifications && queues.includes('lifecycle') && deps.yieldNotifications !== false) {
    yielding = yieldNotificationsToLifecycle({
      notifications,
      connection,
      prefix: deps.prefix,
      backlog: concurrencyOf('lifecycle', deps),
      options: deps.yieldNotifications ?? {},
      log: deps.log,
    });
  }
  deps.log.info({ queues, prefix: deps.prefix }, 'worker started');
  return { queues, close };
}
