import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { JobNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { startWorker } from './start-worker';
import { uniquePrefix, waitForJobState } from '../../../test/support/redis';
import { openQueueBed } from '../../../test/support/queue-bed';
import type { QueueBed } from '../../../test/support/queue-bed';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = join(__dirname, '..', '..', '..');
const fixture = join(__dirname, 'test-fixtures', 'slow-job-worker.ts');
const prefix = uniquePrefix('shutdown');
const log = pino({ level: 'silent' });

interface Child {
  process: ChildProcess;
  events: Array<{ event: string; at: number }>;
  waitFor(event: string, timeoutMs?: number): Promise<number>;
  exited: Promise<number | null>;
}

function runWorkerProcess(options: { jobMs: number; graceMs: number }): Child {
  const args = { redisUrl, prefix, lockDurationMs: 1500, stalledIntervalMs: 500, ...options };
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'test', 'support', 'register-ts.js'), fixture, JSON.stringify(args)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const events: Child['events'] = [];
  createInterface({ input: child.stdout! }).on('line', (line) =>
    events.push({ event: (JSON.parse(line) as { event: string }).event, at: Date.now() }),
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (event: string, timeoutMs = 15_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = events.find((e) => e.event === event);
      if (found) return found.at;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(
      `worker process never reported "${event}" (events: ${events.map((e) => e.event).join(', ')}; stderr: ${stderr})`,
    );
  };
  return { process: child, events, waitFor, exited };
}

let redis: QueueBed;
let queues: Queues;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await openQueueBed(redisUrl, prefix);
  ({ queues } = redis);
});

afterAll(async () => {
  children.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  await redis?.close();
});

test('SIGTERM during a job lets it finish, then the process exits 0', async () => {
  const child = runWorkerProcess({ jobMs: 3000, graceMs: 20_000 });
  children.push(child.process);
  await child.waitFor('ready');
  const { jobId } = await queues.enqueue(JobNames.syncStoreOrders, { storeId: 'graceful' });
  await child.waitFor('started');
  const signalledAt = Date.now();
  child.process.kill('SIGTERM');

  expect(await child.exited).toBe(0);
  const finishedAt = await child.waitFor('finished');
  expect(finishedAt).toBeGreaterThan(signalledAt);
  expect(child.events.map((e) => e.event)).toEqual(['ready', 'started', 'finished', 'closed']);
  expect(await queues.orderSync.getJobState(jobId)).toBe('completed');
  expect((await queues.orderSync.getJob(jobId))?.returnvalue).toEqual({ by: 'child', storeId: 'graceful' });
});

test('a job still running when the grace period ends is handed back as stalled and completed by another worker', async () => {
  const child = runWorkerProcess({ jobMs: 3000, graceMs: 300 });
  children.push(child.process);
  await child.waitFor('ready');
  const { jobId } = await queues.enqueue(JobNames.syncStoreOrders, { storeId: 'forced' });
  await child.waitFor('started');
  const signalledAt = Date.now();
  child.process.kill('SIGTERM');

  expect(await child.exited).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(2500);
  expect(child.events.map((e) => e.event)).not.toContain('finished');
  expect(await queues.orderSync.getJobState(jobId)).toBe('active');

  const rescuer = await startWorker({
    redisUrl,
    prefix,
    log,
    lockDurationMs: 1500,
    stalledIntervalMs: 500,
    processors: {
      [JobNames.syncStoreOrders]: async (payload) => ({ by: 'rescuer', storeId: payload.storeId }),
    },
  });
  try {
    await waitForJobState(queues.orderSync, jobId, 'completed', 15_000);
  } finally {
    await rescuer.close();
  }
  const job = await queues.orderSync.getJob(jobId);
  expect(job?.returnvalue).toEqual({ by: 'rescuer', storeId: 'forced' });
  expect(job?.failedReason).toBeFalsy();
});
