import { Queue } from 'bullmq';
import type { DefaultJobOptions, JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ErrorKinds } from '@dropship/core';
import { QueueError, QueueUnavailableError } from './errors';
import { pipelineReplies, withRedis } from './redis-calls';
import { defaultJobId, orderSyncRunDedupId, orderSyncSchedulerId } from './job-ids';
import { defaultJobOptionsFor } from './job-options';
import { JobNames, JobQueues, QueueNames, allQueueNames } from './names';
import type { JobName, QueueName } from './names';
import { parseJobPayload } from './payloads';
import type { JobPayloadInputs } from './payloads';
import type { QueueLogger } from './logger';

export interface CreateQueuesOptions {
  /** A producer connection (`createRedisConnection(url, 'producer')`); the caller closes it. */
  connection: Redis;
  /** Redis key prefix: separates deployments and parallel test runs on one Redis. */
  prefix: string;
  /** Overrides applied to every queue's defaults. */
  defaultJobOptions?: DefaultJobOptions;
  log?: QueueLogger;
}

export interface EnqueueResult {
  queue: QueueName;
  jobId: string;
}

/** One job for `enqueueMany`. */
export type JobToEnqueue = {
  [N in JobName]: { name: N; payload: JobPayloadInputs[N]; opts?: JobsOptions };
}[JobName];

export interface ScheduleOrderSyncOptions {
  everyMs: number;
  /**
   * When the first run is due (default now: a store that has just connected
   * syncs at once). A later date leaves nothing waiting until then, as for a
   * store whose schedule has run for a while.
   */
  firstRunAt?: Date;
}

/** One BullMQ Queue per queue name, plus validated helpers to add jobs. */
export interface Queues {
  readonly prefix: string;
  readonly byName: Readonly<Record<QueueName, Queue>>;
  readonly lifecycle: Queue;
  readonly orders: Queue;
  readonly orderSync: Queue;
  readonly billing: Queue;
  readonly notifications: Queue;
  /**
   * Validates `payload` then adds the job to its queue under its predictable id
   * (unless `opts.jobId` says otherwise). Invalid payload: InvalidJobPayloadError
   * (INVALID_INPUT), nothing added. Redis down: QueueUnavailableError (UNAVAILABLE).
   */
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayloadInputs[N],
    opts?: JobsOptions,
  ): Promise<EnqueueResult>;
  /**
   * `enqueue` for many jobs: every payload is validated first (nothing is added
   * if one is invalid), then one `addBulk` per queue, a single round trip each.
   */
  enqueueMany(jobs: readonly JobToEnqueue[]): Promise<EnqueueResult[]>;
  /**
   * `enqueueMany` for the jobs Redis does not hold under their id (every job
   * must have one): waiting, active, delayed, failed or kept completed ones are
   * left alone. One pipelined existence check, then one `addBulk` per queue.
   * Returns the ones it added. For recovery sweeps, which meet mostly jobs
   * that exist: an add of an existing id is a no-op too, but a costlier one
   * that also writes a "duplicated" entry to the queue's event stream.
   */
  enqueueMissing(jobs: readonly JobToEnqueue[]): Promise<EnqueueResult[]>;
  /** Creates or updates the store's order-sync job scheduler. */
  scheduleOrderSync(storeId: string, options: ScheduleOrderSyncOptions): Promise<void>;
  /**
   * Removes the store's order-sync scheduler and its next delayed run; true if
   * there was one. A run already waiting or active is left: the sync processor
   * must check the store's automation gate (BullMQ has no lookup by job data).
   */
  unscheduleOrderSync(storeId: string): Promise<boolean>;
  /** Closes every Queue (not the connection, which belongs to the caller). */
  closeAll(): Promise<void>;
}

function checkJobId(jobId: string): void {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) {
    throw new QueueError(
      ErrorKinds.invalidInput,
      `Job id "${jobId}" is not allowed: ids must not contain ':' nor be digits only. Build it with the job id helpers.`,
    );
  }
}

function checkConnection(connection: Redis): void {
  // With the offline queue off (producer role) a command sent now would fail anyway: say why at once.
  if (connection.options.enableOfflineQueue === false && connection.status !== 'ready') {
    throw new QueueUnavailableError(
      `Redis is not reachable (connection ${connection.status}). Start Redis or fix REDIS_URL, then retry.`,
      {
        status: connection.status,
      },
    );
  }
}

function openQueues(options: CreateQueuesOptions): Record<QueueName, Queue> {
  if (options.prefix.trim() === '') {
    throw new QueueError(
      ErrorKinds.invalidInput,
      'The queue key prefix is empty: set one (e.g. "dropship") so deployments sharing a Redis stay apart.',
    );
  }
  const entries = allQueueNames.map((name) => {
    const queue = new Queue(name, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: defaultJobOptionsFor(name, options.defaultJobOptions),
    });
    queue.on('error', (err: Error) => options.log?.warn({ err, queue: name }, 'queue error'));
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Record<QueueName, Queue>;
}

/** Opens one Queue per name on a shared producer connection. */
export function createQueues(options: CreateQueuesOptions): Queues {
  const byName = openQueues(options);
  const { connection } = options;

  /** Validates a job and settles its id and options; throws before anything reaches Redis. */
  function prepare<N extends JobName>(name: N, payload: JobPayloadInputs[N], opts: JobsOptions) {
    const data = parseJobPayload(name, payload);
    const jobId = opts.jobId ?? defaultJobId(name, data);
    if (jobId !== undefined) checkJobId(jobId);
    const extra: JobsOptions =
      name === JobNames.syncStoreOrders && jobId === undefined && opts.deduplication === undefined
        ? { deduplication: { id: orderSyncRunDedupId((data as { storeId: string }).storeId) } }
        : {};
    return { queueName: JobQueues[name], name, data, opts: { ...extra, ...opts, jobId } };
  }

  async function enqueue<N extends JobName>(
    name: N,
    payload: JobPayloadInputs[N],
    opts: JobsOptions = {},
  ): Promise<EnqueueResult> {
    const job = prepare(name, payload, opts);
    checkConnection(connection);
    const added = await withRedis(`add job "${name}"`, () =>
      byName[job.queueName].add(name, job.data, job.opts),
    );
    return { queue: job.queueName, jobId: added.id ?? job.opts.jobId ?? '' };
  }

  type PreparedJob = ReturnType<typeof prepareJob>;
  const prepareJob = (job: JobToEnqueue) => prepare(job.name, job.payload, job.opts ?? {});

  /** One `addBulk` per queue for jobs already validated. */
  async function addPrepared(prepared: readonly PreparedJob[]): Promise<EnqueueResult[]> {
    if (prepared.length === 0) return [];
    checkConnection(connection);
    const results: EnqueueResult[] = new Array<EnqueueResult>(prepared.length);
    const byQueue = new Map<QueueName, number[]>();
    prepared.forEach((job, index) => {
      const indexes = byQueue.get(job.queueName);
      if (indexes) indexes.push(index);
      else byQueue.set(job.queueName, [index]);
    });
    await Promise.all(
      [...byQueue].map(async ([queueName, indexes]) => {
        const added = await withRedis(`add ${indexes.length} job(s) to "${queueName}"`, () =>
          byName[queueName].addBulk(
            indexes.map((index) => {
              const job = prepared[index]!;
              return { name: job.name, data: job.data, opts: job.opts };
            }),
          ),
        );
        indexes.forEach((index, position) => {
          results[index] = {
            queue: queueName,
            jobId: added[position]?.id ?? prepared[index]!.opts.jobId ?? '',
          };
        });
      }),
    );
    return results;
  }

  async function enqueueMany(jobs: readonly JobToEnqueue[]): Promise<EnqueueResult[]> {
    // Every payload is validated before anything reaches Redis.
    return addPrepared(jobs.map(prepareJob));
  }

  async function enqueueMissing(jobs: readonly JobToEnqueue[]): Promise<EnqueueResult[]> {
    const prepared = jobs.map(prepareJob);
    const keys = prepared.map((job) => {
      if (job.opts.jobId === undefined) {
        throw new QueueError(
          ErrorKinds.invalidInput,
          `Job "${job.name}" has no id: only jobs with a predictable id can be checked for before adding.`,
        );
      }
      return byName[job.queueName].toKey(job.opts.jobId);
    });
    if (keys.length === 0) return [];
    checkConnection(connection);
    const pipeline = connection.pipeline();
    for (const key of keys) pipeline.exists(key);
    const counts = await pipelineReplies(`check ${keys.length} job(s)`, pipeline);
    return addPrepared(prepared.filter((_, index) => counts[index] === 0));
  }

  async function scheduleOrderSync(
    storeId: string,
    { everyMs, firstRunAt }: ScheduleOrderSyncOptions,
  ): Promise<void> {
    const data = parseJobPayload(JobNames.syncStoreOrders, { storeId });
    if (!Number.isInteger(everyMs) || everyMs < 1000) {
      throw new QueueError(
        ErrorKinds.invalidInput,
        `Order sync interval ${everyMs} ms is too short: use a whole number of at least 1000 ms.`,
      );
    }
    checkConnection(connection);
    await withRedis('schedule the order sync', () =>
      byName[QueueNames.orderSync].upsertJobScheduler(
        orderSyncSchedulerId(data.storeId),
        {
          every: everyMs,
          ...(firstRunAt && firstRunAt.getTime() > Date.now() ? { startDate: firstRunAt } : {}),
        },
        { name: JobNames.syncStoreOrders, data },
      ),
    );
  }

  async function unscheduleOrderSync(storeId: string): Promise<boolean> {
    checkConnection(connection);
    return withRedis('remove the order sync schedule', () =>
      byName[QueueNames.orderSync].removeJobScheduler(orderSyncSchedulerId(storeId)),
    );
  }

  async function closeAll(): Promise<void> {
    await Promise.all(Object.values(byName).map((queue) => queue.close()));
  }

  return {
    prefix: options.prefix,
    byName,
    lifecycle: byName[QueueNames.lifecycle],
    orders: byName[QueueNames.orders],
    orderSync: byName[QueueNames.orderSync],
    billing: byName[QueueNames.billing],
    notifications: byName[QueueNames.notifications],
    enqueue,
    enqueueMany,
    enqueueMissing,
    scheduleOrderSync,
    unscheduleOrderSync,
    closeAll,
  };
}
