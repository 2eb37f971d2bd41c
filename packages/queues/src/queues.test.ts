import { ErrorKinds } from '@dropship/core';
import { closeRedisConnection, createRedisConnection } from './connection';
import { orderSyncSchedulerId } from './job-ids';
import { JobNames } from './names';
import { createQueues } from './queues';
import type { Queues } from './queues';
import { checkEvictionPolicy } from './redis-health';
import { uniquePrefix } from '../../../test/support/redis';
import { openQueueBed } from '../../../test/support/queue-bed';
import type { QueueBed } from '../../../test/support/queue-bed';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('queues');

const disconnect = {
  eventId: 'evt_1',
  storeId: 'store_1',
  source: 'wp_deleted',
  occurredAt: '2025-01-02T03:04:05Z',
} as const;

let redis: QueueBed;
let queues: Queues;

beforeAll(async () => {
  redis = await openQueueBed(redisUrl, prefix);
  ({ queues } = redis);
});

afterEach(() => redis.empty());

afterAll(() => redis?.close());

describe('enqueue', () => {
  test('a bad payload is rejected before anything is added', async () => {
    await expect(
      queues.enqueue(JobNames.storeDisconnected, { ...disconnect, storeId: '' }),
    ).rejects.toMatchObject({
      kind: ErrorKinds.invalidInput,
      message: expect.stringContaining('storeId'),
    });
    expect(await queues.lifecycle.count()).toBe(0);
  });

  test('the same lifecycle event enqueued twice gives one job under its predictable id', async () => {
    const first = await queues.enqueue(JobNames.storeDisconnected, disconnect);
    const second = await queues.enqueue(JobNames.storeDisconnected, {
      ...disconnect,
      source: 'wp_deactivated',
    });
    expect(first).toEqual({ queue: 'lifecycle', jobId: 'lifecycle.evt_1' });
    expect(second.jobId).toBe(first.jobId);
    expect(await queues.lifecycle.getWaitingCount()).toBe(1);
    const job = await queues.lifecycle.getJob(first.jobId);
    expect(job?.data).toMatchObject({ source: 'wp_deleted' });
  });

  test('a job goes to the queue of its name with the retry and retention defaults', async () => {
    const { queue, jobId } = await queues.enqueue(JobNames.placeSupplierOrder, {
      storeId: 's1',
      orderId: 'gid://shopify/Order/7',
    });
    expect(queue).toBe('orders');
    const job = await queues.orders.getJob(jobId);
    expect(job?.opts).toMatchObject({
      attempts: 6,
      backoff: { type: 'exponential', jitter: 0.5 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  });

  test('on-demand order syncs of one store are deduplicated only while one is pending', async () => {
    await queues.enqueue(JobNames.syncStoreOrders, { storeId: 's1' });
    await queues.enqueue(JobNames.syncStoreOrders, { storeId: 's1' });
    await queues.enqueue(JobNames.syncStoreOrders, { storeId: 's2' });
    expect(await queues.orderSync.getWaitingCount()).toBe(2);
  });

  test('a caller-chosen job id with ":" is refused', async () => {
    await expect(
      queues.enqueue(JobNames.syncStoreOrders, { storeId: 's1' }, { jobId: 'a:b' }),
    ).rejects.toMatchObject({
      kind: ErrorKinds.invalidInput,
    });
  });
});

describe('order sync schedule', () => {
  test('a store schedule is created once per store and can be removed; a run already waiting stays for the automation gate', async () => {
    await queues.scheduleOrderSync('s1', { everyMs: 60_000 });
    await queues.scheduleOrderSync('s1', { everyMs: 120_000 });
    await queues.scheduleOrderSync('s2', { everyMs: 60_000 });
    expect(await queues.orderSync.getJobSchedulersCount()).toBe(2);
    const scheduler = await queues.orderSync.getJobScheduler(orderSyncSchedulerId('s1'));
    expect(scheduler?.every).toBe(120_000);

    expect(await queues.unscheduleOrderSync('s1')).toBe(true);
    expect(await queues.unscheduleOrderSync('s1')).toBe(false);
    expect(await queues.orderSync.getJobScheduler(orderSyncSchedulerId('s1'))).toBeUndefined();
    expect(await queues.orderSync.getJobSchedulersCount()).toBe(1);
    // BullMQ removes the schedule and its next delayed run, never a run already
    // waiting: the sync processor checks the store's automation gate for those.
    const pending = await queues.orderSync.getJobs(['waiting', 'delayed']);
    expect(pending.map((job) => job.data).sort((a, b) => a.storeId.localeCompare(b.storeId))).toEqual([
      { storeId: 's1' },
      { storeId: 's2' },
    ]);
  });

  test('a schedule whose first run is later leaves nothing waiting; its removal takes that run too', async () => {
    const firstRunAt = new Date(Date.now() + 3_600_000);
    await queues.scheduleOrderSync('later', { everyMs: 86_400_000, firstRunAt });
    const mine = async (states: Array<'waiting' | 'delayed'>) =>
      (await queues.orderSync.getJobs(states)).filter((job) => job.data.storeId === 'later');
    expect(await mine(['waiting'])).toEqual([]);
    const [next] = await mine(['delayed']);
    expect((next?.timestamp ?? 0) + (next?.opts.delay ?? 0)).toBe(firstRunAt.getTime());
    expect(await queues.unscheduleOrderSync('later')).toBe(true);
    expect(await mine(['waiting', 'delayed'])).toEqual([]);
  });

  test('an interval under a second is refused', async () => {
    await expect(queues.scheduleOrderSync('s1', { everyMs: 10 })).rejects.toMatchObject({
      kind: ErrorKinds.invalidInput,
    });
  });
});

describe('producer connection', () => {
  test('enqueueing while Redis is unreachable fails at once as UNAVAILABLE', async () => {
    const dead = createRedisConnection('redis://127.0.0.1:1', 'producer');
    const deadQueues = createQueues({ connection: dead, prefix: uniquePrefix('dead') });
    try {
      const started = Date.now();
      await expect(deadQueues.enqueue(JobNames.storeDisconnected, disconnect)).rejects.toMatchObject({
        kind: ErrorKinds.unavailable,
        message: expect.stringContaining('Redis'),
      });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await deadQueues.closeAll();
      await closeRedisConnection(dead);
    }
  });

  test('the worker role waits through outages, the producer role does not queue commands', () => {
    const worker = createRedisConnection(redisUrl, 'worker');
    try {
      expect(worker.options.maxRetriesPerRequest).toBeNull();
      expect(redis.producer.options).toMatchObject({ maxRetriesPerRequest: 1, enableOfflineQueue: false });
    } finally {
      worker.disconnect();
    }
  });

  test('a producer sends the commands of one turn together; a worker connection does not', async () => {
    const worker = createRedisConnection(redisUrl, 'worker');
    try {
      const key = `${uniquePrefix('turn')}:n`;
      const replies = [1, 2, 3].map(() => redis.producer.incr(key));
      // Held for one write at the end of the turn, then answered one by one.
      expect(redis.producer.autoPipelineQueueSize).toBe(3);
      expect(await Promise.all(replies)).toEqual([1, 2, 3]);
      const alone = worker.incr(key);
      expect(worker.autoPipelineQueueSize).toBe(0);
      expect(await alone).toBe(4);
      await redis.producer.del(key);
    } finally {
      await closeRedisConnection(worker);
    }
  });
});

describe('eviction policy', () => {
  test('the check reports the test Redis policy and warns unless it is noeviction', async () => {
    const result = await checkEvictionPolicy(redis.admin);
    const policy = ((await redis.admin.call('CONFIG', 'GET', 'maxmemory-policy')) as string[])[1];
    expect(result.policy).toBe(policy);
    expect(result.ok).toBe(policy === 'noeviction');
    expect(result.warning === undefined).toBe(result.ok);
  });
});
