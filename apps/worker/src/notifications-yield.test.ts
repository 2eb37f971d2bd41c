import pino from 'pino';
import { JobNames } from '@dropship/queues';
import type { Processors, Queues } from '@dropship/queues';
import { startWorker } from './start-worker';
import type { RunningWorker, WorkerDeps } from './start-worker';
import { uniquePrefix, waitForJobState } from '../../../test/support/redis';
import { openQueueBed } from '../../../test/support/queue-bed';
import type { QueueBed } from '../../../test/support/queue-bed';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('yield');
/** What the worker logged, for the tests that wait for the pause to have happened. */
const logged: string[] = [];
const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) });

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

let redis: QueueBed;
let queues: Queues;
const running: RunningWorker[] = [];

beforeAll(async () => {
  redis = await openQueueBed(redisUrl, prefix);
  ({ queues } = redis);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.close({ force: true })));
  logged.splice(0);
  await redis.empty();
});

afterAll(() => redis?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Disconnect jobs that hold until `release`, and notification jobs that count themselves. */
function bed() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  const processors: Partial<Processors> = {
    [JobNames.storeDisconnected]: async () => {
      await held;
      return { outcome: 'applied' };
    },
    [JobNames.sendNotification]: async (payload) => {
      sent.push(payload.reference);
      return { messages: [] };
    },
  };
  return { processors, sent, release };
}

async function start(deps: Pick<WorkerDeps, 'processors' | 'yieldNotifications'>): Promise<RunningWorker> {
  const worker = await startWorker({
    redisUrl,
    prefix,
    log,
    concurrency: { lifecycle: 1, notifications: 1 },
    ...deps,
  });
  running.push(worker);
  return worker;
}

async function backlogOfDisconnects(count: number): Promise<string[]> {
  const added = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      queues.enqueue(JobNames.storeDisconnected, {
        eventId: `evt_${i}`,
        storeId: `store_${i}`,
        source: 'shopify_uninstall',
        occurredAt: '2026-01-02T03:04:05.000Z',
      }),
    ),
  );
  return added.map((job) => job.jobId);
}

const notify = (reference: string) =>
  queues.enqueue(JobNames.sendNotification, {
    kinds: ['team_disconnect_alert'],
    storeId: 'store_0',
    accountId: null,
    reference,
  });

test('notifications wait while disconnects are backlogged, and run once the backlog is down', async () => {
  const { processors, sent, release } = bed();
  await start({ processors, yieldNotifications: { checkEveryMs: 20 } });
  const disconnects = await backlogOfDisconnects(4);
  // One disconnect runs and holds; three wait, more than the one this process runs at once.
  await until('the notifications are paused', () =>
    logged.some((line) => line.includes('notifications paused')),
  );
  const { jobId } = await notify('during-backlog');
  await sleep(400);
  expect(sent).toEqual([]);
  expect(await queues.notifications.getJobState(jobId)).toBe('waiting');

  release();
  await Promise.all(disconnects.map((id) => waitForJobState(queues.lifecycle, id, 'completed')));
  await waitForJobState(queues.notifications, jobId, 'completed');
  expect(sent).toEqual(['during-backlog']);
});

test('a backlog that does not clear delays notifications for at most maxDeferMs', async () => {
  const { processors, sent, release } = bed();
  await start({ processors, yieldNotifications: { checkEveryMs: 20, maxDeferMs: 300 } });
  await backlogOfDisconnects(4);
  await until('the notifications are paused', () =>
    logged.some((line) => line.includes('notifications paused')),
  );
  const { jobId } = await notify('overdue');
  await waitForJobState(queues.notifications, jobId, 'completed');
  expect(sent).toEqual(['overdue']);
  expect(await queues.lifecycle.getWaitingCount()).toBeGreaterThanOrEqual(3);
  release();
});

test('with yielding off, notifications run despite a backlog', async () => {
  const { processors, sent, release } = bed();
  await start({ processors, yieldNotifications: false });
  await backlogOfDisconnects(4);
  await sleep(150);
  const { jobId } = await notify('not-yielding');
  await waitForJobState(queues.notifications, jobId, 'completed');
  expect(sent).toEqual(['not-yielding']);
  release();
});
