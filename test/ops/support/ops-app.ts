import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createBuiltInSupplier, createOutboxMailer, ingestEvent } from '@dropship/lifecycle';
import { createJobDurationRecorder } from '@dropship/server';
import { createProcessors, startWorker } from '@dropship/worker';

import { TEST_REDIS_URL } from '../../../apps/server/src/test-support/harness';
import { addTeamMember, signIn } from '../../../apps/server/src/ops/test-support/team';
import type { SignedIn } from '../../../apps/server/src/ops/test-support/team';
import { APP_URL, startShopifyApp } from '../../shopify/support/shopify-app';
import type { ShopifyApp } from '../../shopify/support/shopify-app';

export const OPS_TOKEN = 'ops-token-'.padEnd(40, 'o');
export const METRICS_TOKEN = 'metrics-token-'.padEnd(40, 'm');
export const PASSWORD = 'correct horse battery staple';
const DAY_MS = 24 * 60 * 60 * 1000;

export type LogLine = Record<string, unknown>;

export interface OpsApp extends ShopifyApp {
  viewer: SignedIn;
  operator: SignedIn;
  /** Every JSON line the worker logged. */
  workerLines: LogLine[];
  /** Runs the real worker (with the job duration recorder, logging as in production) until `done` holds. */
  runLoggedWorker(done: () => Promise<boolean>): Promise<void>;
  /** A WooCommerce store with an active platform subscription whose plugin is then deleted (bridge event). */
  woocommerceStoreLeaves(domain: string): Promise<{ storeId: string; periodEnd: Date }>;
  metrics(): Promise<string>;
  api<T = Record<string, unknown>>(path: string): Promise<T>;
}

function capture(lines: LogLine[]) {
  return pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the worker');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The Shopify e2e app plus team members, a logged worker and the ops endpoints. */
export async function startOpsApp(): Promise<OpsApp> {
  const app = await startShopifyApp({ env: { OPS_TOKEN, METRICS_TOKEN } });
  const { stack } = app;
  await addTeamMember(stack.repos, 'viewer@dropship.test', 'viewer', PASSWORD);
  await addTeamMember(stack.repos, 'operator@dropship.test', 'operator', PASSWORD);
  const workerLines: LogLine[] = [];

  async function runLoggedWorker(done: () => Promise<boolean>): Promise<void> {
    const { repos, clock, queues } = stack;
    const processors = createProcessors({
      repos,
      queues,
      clock,
      supplier: createBuiltInSupplier({ repos }),
      mailer: createOutboxMailer({ repos, clock }),
      platforms: {},
      publicBaseUrl: APP_URL,
      teamEmail: 'team@dropship.test',
    });
    const durations = createJobDurationRecorder({
      connection: (await queues.lifecycle.getBackend().client) as never,
      prefix: queues.prefix,
    });
    const worker = await startWorker({
      redisUrl: TEST_REDIS_URL,
      prefix: queues.prefix,
      processors,
      log: capture(workerLines),
      onJobSettled: durations,
    });
    try {
      await waitUntil(done);
    } finally {
      await worker.close();
    }
  }

  async function woocommerceStoreLeaves(domain: string) {
    const { repos, clock, queues } = stack;
    const now = clock.now();
    const store = await repos.stores.create({
      platform: 'woocommerce',
      domain,
      installedAt: new Date(now.getTime() - 40 * DAY_MS),
    });
    const periodEnd = new Date(now.getTime() + 12 * DAY_MS);
    await repos.subscriptions.create({
      storeId: store.id,
      provider: 'platform',
      planName: 'Dropship Connect',
      priceMinor: 2900,
      currency: 'EUR',
      status: 'active',
      currentPeriodStart: new Date(periodEnd.getTime() - 30 * DAY_MS),
      currentPeriodEnd: periodEnd,
      anchorDay: periodEnd.getUTCDate(),
    });
    await ingestEvent(
      { repos, queues, clock },
      {
        channel: 'wp_bridge',
        deliveryId: `evt-${store.id}`,
        storeId: store.id,
        source: 'wp_deleted',
        topic: 'plugin.deleted',
        triggeredAt: now,
        payload: {},
        correlationId: null,
      },
    );
    return { storeId: store.id, periodEnd };
  }

  return {
    ...app,
    viewer: await signIn(stack.app, 'viewer@dropship.test', PASSWORD),
    operator: await signIn(stack.app, 'operator@dropship.test', PASSWORD),
    workerLines,
    runLoggedWorker,
    woocommerceStoreLeaves,
    async metrics() {
      const res = await request(stack.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
      return res.text;
    },
    async api<T>(path: string) {
      const res = await request(stack.app).get(path).set('Authorization', `Bearer ${OPS_TOKEN}`);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text}`);
      return res.body as T;
    },
    async close() {
      await (
        await stack.queues.lifecycle.getBackend().client
      ).del(`${stack.queues.prefix}:dropship-ops:job-durations`);
      await app.close();
    },
  };
}

/** The value of one series in Prometheus text, or undefined. */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[4]);
  }
  return undefined;
}
