import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Gauge, Registry } from 'prom-client';
import type { Clock, Repositories } from '@dropship/core';
import { allQueueNames, checkEvictionPolicy } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { jobDurationMetric } from './job-durations';

const DAY_MS = 24 * 60 * 60 * 1000;
const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

export interface ScrapeMetricsDeps {
  repos: Repositories;
  queues: Queues;
  clock: Clock;
  log: Logger;
}

type Collect = (gauge: Gauge) => Promise<void>;

/** A gauge recomputed at every scrape; a failing source leaves it empty and is logged, the scrape goes on. */
function scrapeGauge(
  registry: Registry,
  deps: ScrapeMetricsDeps,
  spec: { name: string; help: string; labelNames: readonly string[] },
  collect: Collect,
): void {
  new Gauge({
    ...spec,
    labelNames: [...spec.labelNames],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        await collect(this);
      } catch (err) {
        deps.log.warn({ err, metric: spec.name }, 'metric could not be collected');
      }
    },
  });
}

async function redisOf(queues: Queues): Promise<Redis> {
  // The queues' own producer connection (the ioredis instance createQueues got): nothing new to open or close.
  return (await queues.lifecycle.getBackend().client) as unknown as Redis;
}

function registerQueueGauges(registry: Registry, deps: ScrapeMetricsDeps): void {
  const { queues } = deps;
  scrapeGauge(
    registry,
    deps,
    { name: 'dropship_queue_jobs', help: 'Jobs by queue and state.', labelNames: ['queue', 'state'] },
    async (g) => {
      for (const queue of allQueueNames) {
        const counts = await queues.byName[queue].getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) g.set({ queue, state }, counts[state] ?? 0);
      }
    },
  );
  scrapeGauge(
    registry,
    deps,
    { name: 'dropship_queue_workers', help: 'Workers connected to each queue.', labelNames: ['queue'] },
    async (g) => {
      for (const queue of allQueueNames) g.set({ queue }, await queues.byName[queue].getWorkersCount());
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting in each queue (queue lag); 0 when none waits.',
      labelNames: ['queue'],
    },
    async (g) => {
      const now = deps.clock.now().getTime();
      for (const queue of allQueueNames) {
        const [oldest] = await queues.byName[queue].getJobs(['wait'], 0, 0, true);
        const readyAt = oldest ? oldest.timestamp + (oldest.delay ?? 0) : now;
        g.set({ queue }, Math.max(0, (now - readyAt) / 1000));
      }
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_redis_eviction_policy_ok',
      help: '1 when Redis maxmemory-policy is noeviction (BullMQ requires it), else 0.',
      labelNames: ['policy'],
    },
    async (g) => {
      const result = await checkEvictionPolicy(await redisOf(queues));
      g.set({ policy: result.policy }, result.ok ? 1 : 0);
    },
  );
}

function registerLifecycleGauges(registry: Registry, deps: ScrapeMetricsDeps): void {
  const q = deps.repos.opsQueries;
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_stores_disconnected',
      help: 'Stores disconnected in the window (24h, 7d), by platform and source; same numbers as the lifecycle view.',
      labelNames: ['window', 'platform', 'source'],
    },
    async (g) => {
      const now = deps.clock.now().getTime();
      for (const [window, ms] of [
        ['24h', DAY_MS],
        ['7d', 7 * DAY_MS],
      ] as const) {
        for (const row of await q.countDisconnectsSince(new Date(now - ms)))
          g.set({ window, platform: row.platform, source: row.source }, row.count);
      }
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_stores',
      help: 'Stores by platform and lifecycle state.',
      labelNames: ['platform', 'state'],
    },
    async (g) => {
      for (const row of await q.countStoresByState())
        g.set({ platform: row.platform, state: row.state }, row.count);
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_lifecycle_transitions',
      help: 'Lifecycle events recorded, by channel, source and outcome (applied, ignored_stale, pending, …).',
      labelNames: ['channel', 'source', 'outcome'],
    },
    async (g) => {
      for (const row of await q.countLifecycleEvents())
        g.set({ channel: row.channel, source: row.source, outcome: row.outcome }, row.count);
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_subscription_cancellations',
      help: 'Cancelled subscriptions by provider and cancellation reason.',
      labelNames: ['provider', 'reason'],
    },
    async (g) => {
      for (const row of await q.countCancellationsByReason())
        g.set({ provider: row.provider, reason: row.reason }, row.count);
    },
  );
  scrapeGauge(
    registry,
    deps,
    {
      name: 'dropship_subscriptions_still_billed_after_disconnect',
      help: 'Platform (WooCommerce) subscriptions still billing a disconnected store.',
      labelNames: [],
    },
    async (g) => g.set(await q.countStillBilledAfterDisconnect()),
  );
}

/** The metrics computed from the database and Redis at scrape time: every server process answers the same. */
export function createScrapeRegistry(deps: ScrapeMetricsDeps): Registry {
  const registry = new Registry();
  registerQueueGauges(registry, deps);
  registerLifecycleGauges(registry, deps);
  registry.registerMetric(
    jobDurationMetric({ redis: () => redisOf(deps.queues), prefix: deps.queues.prefix }),
  );
  return registry;
}
