import pino from 'pino';
import { ErrorKinds } from '@dropship/core';
import { JobNames, PermanentJobError, skippedJob } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { startWorker } from './start-worker';
import type { RunningWorker } from './start-worker';
import { uniquePrefix, waitForJobState } from '../../../test/support/redis';
import { openQueueBed } from '../../../test/support/queue-bed';
import type { QueueBed } from '../../../test/support/queue-bed';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('worker');
const log = pino({ level: 'silent' });

let redis: QueueBed;
let queues: Queues;
const running: RunningWorker[] = [];

async function start(
  processors: Parameters<typeof startWorker>[0]['processors'],
  concurrency = 1,
): Promise<RunningWorker> {
  const worker = await startWorker({
    redisUrl,
    prefix,
    log,
    processors,
    concurrency: { orders: concurrency, 'order-sync': concurrency },
  });
  running.push(worker);
  return worker;
}

beforeAll(async () => {
  redis = await openQueueBed(redisUrl, prefix);
  ({ queues } = redis);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.close()));
  await redis.empty();
});

afterAll(() => redis?.close());

test('two workers on one queue process every job exactly once in total', async () => {
  const runs = new Map<string, number>();
  const byWorker = { a: 0, b: 0 };
  const processor = (label: 'a' | 'b') => async (payload: { orderId: string }) => {
    runs.set(payload.orderId, (runs.get(payload.orderId) ?? 0) + 1);
    byWorker[label] += 1;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    return { placed: payload.orderId };
  };
  await start({ [JobNames.placeSupplierOrder]: processor('a') }, 3);
  await start({ [JobNames.placeSupplierOrder]: processor('b') }, 3);

  const ids = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      queues.enqueue(JobNames.placeSupplierOrder, { storeId: 'store_1', orderId: `order_${i}` }),
    ),
  );
  await Promise.all(ids.map(({ jobId }) => waitForJobState(queues.orders, jobId, 'completed')));

  expect(runs.size).toBe(40);
  expect([...runs.values()].every((count) => count === 1)).toBe(true);
  expect(byWorker.a + byWorker.b).toBe(40);
});

test('a job added with a bad payload fails at once, without retry, with a readable reason', async () => {
  let calls = 0;
  await start({
    [JobNames.placeSupplierOrder]: async () => {
      calls += 1;
    },
  });
  const job = await queues.orders.add(
    JobNames.placeSupplierOrder,
    { storeId: 'store_1' },
    { jobId: 'order.raw', attempts: 5 },
  );
  await waitForJobState(queues.orders, job.id!, 'failed');

  const failed = await queues.orders.getJob(job.id!);
  expect(failed?.attemptsMade).toBe(1);
  expect(failed?.failedReason).toMatch(/Invalid payload for job "place-supplier-order": orderId/);
  expect(calls).toBe(0);
});

test('a permanent failure is not retried while a transient one is', async () => {
  let transientCalls = 0;
  await start({
    [JobNames.placeSupplierOrder]: async (payload) => {
      if (payload.orderId === 'gone')
        throw new PermanentJobError(
          'Order gone was deleted from the store: nothing to place.',
          ErrorKinds.notFound,
        );
      transientCalls += 1;
      if (transientCalls < 3) throw new Error('supplier API timed out');
      return { placed: payload.orderId };
    },
  });
  const backoff = { type: 'fixed', delay: 10 };
  const gone = await queues.enqueue(
    JobNames.placeSupplierOrder,
    { storeId: 's', orderId: 'gone' },
    { attempts: 5, backoff },
  );
  const flaky = await queues.enqueue(
    JobNames.placeSupplierOrder,
    { storeId: 's', orderId: 'flaky' },
    { attempts: 5, backoff },
  );
  await waitForJobState(queues.orders, gone.jobId, 'failed');
  await waitForJobState(queues.orders, flaky.jobId, 'completed');

  const goneJob = await queues.orders.getJob(gone.jobId);
  expect(goneJob?.attemptsMade).toBe(1);
  expect(goneJob?.failedReason).toBe('NOT_FOUND: Order gone was deleted from the store: nothing to place.');
  expect((await queues.orders.getJob(flaky.jobId))?.attemptsMade).toBe(3);
});

test('a job with nothing to do completes with its skip reason', async () => {
  await start({ [JobNames.syncStoreOrders]: async () => skippedJob('store automation is off') });
  const { jobId } = await queues.enqueue(JobNames.syncStoreOrders, { storeId: 'store_off' });
  await waitForJobState(queues.orderSync, jobId, 'completed');
  expect((await queues.orderSync.getJob(jobId))?.returnvalue).toEqual({
    skipped: true,
    reason: 'store automation is off',
  });
});

test('the processor receives the validated payload and an abort signal', async () => {
  let seen: unknown;
  await start({
    [JobNames.syncStoreOrders]: async (payload, { signal, job }) => {
      seen = { payload, aborted: signal.aborted, name: job.name };
    },
  });
  const { jobId } = await queues.enqueue(JobNames.syncStoreOrders, { storeId: '  padded ' });
  await waitForJobState(queues.orderSync, jobId, 'completed');
  expect(seen).toEqual({ payload: { storeId: 'padded' }, aborted: false, name: JobNames.syncStoreOrders });
});

test('a worker without processors is refused', async () => {
  await expect(startWorker({ redisUrl, prefix, log, processors: {} })).rejects.toMatchObject({
    kind: ErrorKinds.invalidInput,
  });
});

test('a worker that cannot reach Redis fails to start with a message instead of hanging', async () => {
  const attempt = startWorker({
    redisUrl: 'redis://127.0.0.1:1',
    prefix,
    log,
    readyTimeoutMs: 500,
    processors: { [JobNames.syncStoreOrders]: async () => undefined },
  });
  await expect(attempt).rejects.toMatchObject({
    kind: ErrorKinds.unavailable,
    message: expect.stringContaining('Redis did not answer'),
  });
});
