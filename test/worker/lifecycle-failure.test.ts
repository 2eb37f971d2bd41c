import pino from 'pino';
import { systemClock } from '@dropship/core';
import { ingestEvent } from '@dropship/lifecycle';
import { closeRedisConnection, createQueues, createRedisConnection, JobNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { createLifecycleProcessors } from '../../apps/worker/src/processors/lifecycle-processors';
import { openWorkerBed, processorDeps, redisUrl, uniquePrefix } from './support/environment';
import type { WorkerBed } from './support/environment';
import { seedStore } from './support/seed';

const prefix = uniquePrefix('lifecycle-failure');
let bed: WorkerBed;

beforeAll(async () => {
  bed = await openWorkerBed(prefix, 'sqlite');
});
afterAll(() => bed?.close());

/** Queues on a connection that has been closed: every job add fails as when Redis is down. */
async function queuesWithRedisGone(): Promise<{ queues: Queues; close(): Promise<void> }> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection, prefix });
  await queues.lifecycle.waitUntilReady();
  connection.disconnect();
  return {
    queues,
    async close() {
      await queues.closeAll();
      await closeRedisConnection(connection);
    },
  };
}

async function uninstallJob(attempts: number) {
  const store = await seedStore(bed.database.repos, { platform: 'shopify' });
  const recorded = await ingestEvent(
    { repos: bed.database.repos, queues: bed.queues, clock: systemClock },
    {
      channel: 'shopify',
      deliveryId: `failure-${store.id}`,
      storeId: store.id,
      source: 'shopify_uninstall',
      topic: 'app/uninstalled',
      triggeredAt: new Date(),
      payload: {},
      correlationId: null,
    },
  );
  const payload = {
    eventId: recorded.event.id,
    storeId: store.id,
    source: 'shopify_uninstall' as const,
    occurredAt: new Date().toISOString(),
    correlationId: null,
  };
  // A real BullMQ job, for its attempt count: the processor is called directly, as the worker would.
  const job = await bed.queues.lifecycle.add(JobNames.storeDisconnected, payload, {
    jobId: `failure-${store.id}`,
    attempts,
  });
  return { payload, job };
}

test.each([
  { attempts: 1, outcome: 'failed' },
  { attempts: 3, outcome: 'pending' },
])(
  'a lifecycle job that fails leaves its event $outcome when BullMQ has $attempts attempt(s) for it',
  async ({ attempts, outcome }) => {
    const broken = await queuesWithRedisGone();
    try {
      const processors = createLifecycleProcessors(processorDeps(bed.database.repos, broken.queues));
      const { payload, job } = await uninstallJob(attempts);
      const ctx = { job, signal: new AbortController().signal, log: pino({ level: 'silent' }) };
      await expect(processors[JobNames.storeDisconnected](payload, ctx)).rejects.toThrow(/Redis/);
      const event = await bed.database.repos.lifecycleEvents.findById(payload.eventId);
      expect(event?.outcome).toBe(outcome);
      if (outcome === 'failed') expect(event?.outcomeReason).toMatch(/Redis/);
      else expect(event?.outcomeReason).toBeNull();
    } finally {
      await broken.close();
    }
  },
);
