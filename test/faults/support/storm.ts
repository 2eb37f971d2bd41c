/*
 * What the fault tests share: signed app/uninstalled deliveries for seeded
 * Shopify stores, a sender that keeps every answer, the real worker, and the
 * final count of what was lost and what was done twice.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Repositories, Store } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer } from '@dropship/lifecycle';
import { createProcessors, startWorker } from '@dropship/worker';
import type { RunningWorker } from '@dropship/worker';
import type { TestStack } from '../../../apps/server/src/test-support/harness';
import { signWebhook } from '../../support/shopify-stand-in';

export const SHOPIFY_SECRET = 'fault-shopify-secret';
export const shopifyEnv = { SHOPIFY_API_KEY: 'fault-shopify-key', SHOPIFY_API_SECRET: SHOPIFY_SECRET };
export const UNINSTALL_PATH = '/webhooks/app/uninstalled';

export interface Delivery {
  shop: string;
  webhookId: string;
  body: string;
  headers: Record<string, string>;
}

/** One app/uninstalled delivery exactly as Shopify signs it; a retry re-sends the same object. */
export function uninstallDelivery(shop: string, triggeredAt: Date, secret = SHOPIFY_SECRET): Delivery {
  const webhookId = randomUUID();
  const body = JSON.stringify({
    id: Math.floor(Math.random() * 1e12),
    name: shop,
    domain: shop,
    myshopify_domain: shop,
    plan_name: 'basic',
  });
  return {
    shop,
    webhookId,
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'app/uninstalled',
      'x-shopify-hmac-sha256': signWebhook(body, secret),
      'x-shopify-shop-domain': shop,
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': triggeredAt.toISOString(),
    },
  };
}

/** Connected Shopify stores installed a day before `now`, each with an active Shopify subscription. */
export async function seedShopifyStores(
  repos: Repositories,
  count: number,
  now: Date,
  tag = 'fault',
): Promise<Store[]> {
  const stores: Store[] = [];
  const run = randomUUID().slice(0, 6);
  for (let i = 0; i < count; i += 1) {
    const store = await repos.stores.create({
      platform: 'shopify',
      domain: `${tag}-${run}-${i}.myshopify.com`,
      installedAt: new Date(now.getTime() - 86_400_000),
    });
    await repos.subscriptions.create({
      storeId: store.id,
      provider: 'shopify',
      externalId: `gid://shopify/AppSubscription/${run}${i}`,
      planName: 'Growth',
      priceMinor: 2900,
      currency: 'USD',
      status: 'active',
      currentPeriodStart: new Date(now.getTime() - 10 * 86_400_000),
      currentPeriodEnd: new Date(now.getTime() + 20 * 86_400_000),
    });
    stores.push(store);
  }
  return stores;
}

/** The stack's app on a real port. */
export async function listen(stack: TestStack): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const started = stack.app.listen(0, '127.0.0.1', () => resolve(started));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Posts one delivery; the status, or 0 when no answer came (the sender retries either way). */
export async function send(origin: string, delivery: Delivery, path = UNINSTALL_PATH): Promise<number> {
  try {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/**
 * Sends every delivery with `concurrency` in flight; calls `onAnswer` after each
 * answer. While a promise it returns is pending no new request starts, so a
 * fault can be put in place before the rest of the storm arrives.
 */
export async function sendAll(
  origin: string,
  deliveries: readonly Delivery[],
  concurrency: number,
  onAnswer: (answered: number) => Promise<void> | void = () => undefined,
  times?: { sentAt: number[]; answeredAt: number[] },
): Promise<number[]> {
  const statuses: number[] = new Array<number>(deliveries.length).fill(-1);
  let next = 0;
  let answered = 0;
  let hold: Promise<void> | undefined;
  const lane = async () => {
    for (;;) {
      await hold;
      if (next >= deliveries.length) return;
      const index = next;
      next += 1;
      if (times) times.sentAt[index] = Date.now();
      statuses[index] = await send(origin, deliveries[index] as Delivery);
      if (times) times.answeredAt[index] = Date.now();
      answered += 1;
      const pending = onAnswer(answered);
      // Every lane waits for every pending callback: an async callback returns a
      // promise for each answer, and a later, settled one must not end the wait
      // for an earlier one still setting up an outage.
      if (pending) hold = Promise.all([hold, pending]).then(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return statuses;
}

/** Re-sends every delivery not answered 2xx until it is, as Shopify does (8 retries over 4 hours). */
export async function retryUntilAccepted(
  origin: string,
  deliveries: readonly Delivery[],
  statuses: number[],
  attempts = 20,
): Promise<number> {
  let retries = 0;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const failing = statuses
      .map((status, index) => ({ status, index }))
      .filter(({ status }) => status < 200 || status >= 300);
    if (failing.length === 0) return retries;
    for (const { index } of failing) {
      retries += 1;
      statuses[index] = await send(origin, deliveries[index] as Delivery);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return retries;
}

export function is2xx(status: number): boolean {
  return status >= 200 && status < 300;
}

export interface TestWorkerOptions {
  redisUrl: string;
  prefix: string;
}

/** The real worker (every processor, built-in supplier, outbox mailer) on the stack's repositories. */
export function runWorker(
  stack: Pick<TestStack, 'repos' | 'queues' | 'clock'>,
  options: TestWorkerOptions,
): Promise<RunningWorker> {
  const { repos, queues, clock } = stack;
  return startWorker({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    processors: createProcessors({
      repos,
      queues,
      clock,
      supplier: createBuiltInSupplier({ repos }),
      mailer: createOutboxMailer({ repos, clock }),
      platforms: {},
      publicBaseUrl: 'https://dropship.test',
      teamEmail: 'team@dropship.test',
    }),
    concurrency: { lifecycle: 8, notifications: 8 },
    log: pino({ level: 'silent' }),
    lockDurationMs: 3000,
    stalledIntervalMs: 1000,
  });
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const DISCONNECT_SOURCES = ['shopify_uninstall', 'wp_deactivated', 'wp_deleted'];

export interface EffectCount {
  /** Shops whose store ended disconnected with automation off and its event applied. */
  done: Set<string>;
  /** Effects beyond the first: second events, second reports, second merchant messages. */
  duplicated: number;
}

function extra(counts: Iterable<number>): number {
  let sum = 0;
  for (const count of counts) sum += Math.max(0, count - 1);
  return sum;
}

/** Reads the end state of every store of `shops`: what was done, and what was done more than once. */
export async function countEffects(
  stack: Pick<TestStack, 'repos' | 'db'>,
  stores: readonly Store[],
): Promise<EffectCount> {
  const { knex } = stack.db;
  const ids = stores.map((store) => store.id);
  const done = new Set<string>();
  const events = new Map<string, number>();
  const reports = new Map<string, number>();
  for (let offset = 0; offset < ids.length; offset += 400) {
    const batch = ids.slice(offset, offset + 400);
    const rows = (await knex('stores')
      .whereIn('id', batch)
      .select('id', 'domain', 'state', 'automation_enabled')) as Array<{
      id: string;
      domain: string;
      state: string;
      automation_enabled: unknown;
    }>;
    const applied = (await knex('lifecycle_events')
      .whereIn('store_id', batch)
      .whereIn('source', DISCONNECT_SOURCES)
      .select('store_id', 'outcome')) as Array<{ store_id: string; outcome: string }>;
    for (const event of applied) events.set(event.store_id, (events.get(event.store_id) ?? 0) + 1);
    const appliedStores = new Set(applied.filter((e) => e.outcome === 'applied').map((e) => e.store_id));
    const reportRows = (await knex('disconnect_reports')
      .whereIn('store_id', batch)
      .select('store_id')) as Array<{ store_id: string }>;
    for (const report of reportRows) reports.set(report.store_id, (reports.get(report.store_id) ?? 0) + 1);
    for (const row of rows) {
      const automationOff = row.automation_enabled === false || row.automation_enabled === 0;
      if (row.state === 'disconnected' && automationOff && appliedStores.has(row.id)) done.add(row.domain);
    }
  }
  const messages = await stack.repos.outbox.list({ limit: 100_000 });
  const productsLeft = new Map<string, number>();
  for (const store of stores) {
    const count = messages.filter(
      (m) => m.tags[0] === 'products_left' && `${m.subject}\n${m.text}`.includes(store.domain),
    ).length;
    productsLeft.set(store.id, count);
  }
  return {
    done,
    duplicated: extra(events.values()) + extra(reports.values()) + extra(productsLeft.values()),
  };
}

/** The line every fault test ends with. */
export function printCounts(label: string, counts: { lost: number; duplicated: number }, detail = ''): void {
  console.log(`${label}: lost=${counts.lost} duplicated=${counts.duplicated}${detail ? ` (${detail})` : ''}`);
}
