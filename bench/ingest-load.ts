/*
 * Load generator of the ingest benchmark, in its own process. Every request
 * is a distinct signed delivery (its own webhook id / occurrence id, its own
 * store), built before the clock starts.
 *   --url --target=shopify|bridge --targets=<file> --from --count --secret
 *   --mode=closed --connections=64          as fast as 64 keep-alive connections go
 *   --mode=open --rate=1000 --sends=<file>  a fixed arrival rate; send times written for the end-to-end measure
 *   --measure-from=<n>                       the first n requests warm up (the server, this client), unmeasured
 *   --settle-redis=<url> --settle-prefix=<p> open mode: after the warm-up, wait until its jobs are done
 *                                            (lifecycle and notification queues empty) before the measure
 *   --latencies=<file>                       every measured request's latency (ms), for runs measured in rounds
 * Prints `RESULT {sent, ok, seconds, rps, p50Ms, p99Ms, statuses}`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import { signBridgeRequest } from '@dropship/woocommerce';
import { appUninstalledSample } from '../test/support/shopify-stand-in/samples';
import { args, emit, round } from './support';
import type { IngestTargets } from './ingest-setup';
import { WirePool, wireRequest } from './wire-client';

interface SignedRequest {
  /** The store id: what the end-to-end measure joins on. */
  key: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request as it goes on the wire. */
interface PreparedRequest {
  key: string;
  wire: Buffer;
}

function shopifyRequest(store: { id: string; domain: string }, secret: string): SignedRequest {
  const shop = store.domain;
  // The whole REST Shop resource, as Shopify sends it (~1.5 KB), for this store.
  const body = Buffer.from(
    JSON.stringify({
      ...appUninstalledSample,
      id: crypto.randomInt(1e9),
      name: shop,
      domain: shop,
      myshopify_domain: shop,
    }),
  );
  return {
    key: store.id,
    path: '/webhooks/app/uninstalled',
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'app/uninstalled',
      'x-shopify-hmac-sha256': crypto.createHmac('sha256', secret).update(body).digest('base64'),
      'x-shopify-shop-domain': shop,
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': crypto.randomUUID(),
      'x-shopify-event-id': crypto.randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  };
}

function bridgeRequest(site: { id: string; secret: string }): SignedRequest {
  const body = Buffer.from(
    JSON.stringify({
      type: 'deactivated',
      occurrence_id: crypto.randomUUID(),
      occurred_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      site_url: `https://${site.id}.example.com`,
      plugin_version: '1.0.0',
      wp_version: '6.1.1',
      wc_version: '9.4.2',
    }),
  );
  const { headers } = signBridgeRequest({
    method: 'POST',
    path: '/bridge/v1/events',
    siteId: site.id,
    secret: site.secret,
    rawBody: body,
  });
  return {
    key: site.id,
    path: '/bridge/v1/events',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface Outcome {
  latencies: number[];
  statuses: Map<number, number>;
  /** The unmeasured warm-up's answers: checked like the rest, a refused one would hide a lost store. */
  warmupStatuses: Map<number, number>;
  sends: Array<[string, number]>;
  seconds: number;
}

async function closedLoop(
  pool: WirePool,
  requests: PreparedRequest[],
  connections: number,
): Promise<Outcome> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests.length) {
        const request = requests[next] as PreparedRequest;
        next += 1;
        const t0 = performance.now();
        const status = await pool.send(request.wire);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return {
    latencies,
    statuses,
    warmupStatuses: new Map(),
    sends: [],
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The closed loop after `measureFrom` requests of its own, sent the same way
 * and finished before the clock starts: this process's HTTP client is then
 * compiled and its connections open, as in one long run.
 */
async function warmClosedLoop(
  pool: WirePool,
  requests: PreparedRequest[],
  connections: number,
  measureFrom: number,
): Promise<Outcome> {
  const warmup = await closedLoop(pool, requests.slice(0, measureFrom), connections);
  const outcome = await closedLoop(pool, requests.slice(measureFrom), connections);
  return { ...outcome, warmupStatuses: warmup.statuses };
}

/**
 * Open loop: requests leave on schedule whatever the answers, as webhooks
 * arrive, and every send time is kept for the end-to-end measure.
 */
async function openLoop(pool: WirePool, requests: PreparedRequest[], rate: number): Promise<Outcome> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const sends: Array<[string, number]> = [];
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  let sent = 0;
  while (sent < requests.length) {
    const due = Math.min(requests.length, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent += 1) {
      const request = requests[sent] as PreparedRequest;
      const t0 = performance.now();
      sends.push([request.key, Date.now()]);
      pending.push(
        pool.send(request.wire).then((status) => {
          latencies.push(performance.now() - t0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  return {
    latencies,
    statuses,
    warmupStatuses: new Map(),
    sends,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Waits until the worker has finished what the warm-up queued: nothing
 * waiting, delayed or running on the lifecycle and notification queues.
 */
async function settle(redisUrl: string, prefix: string, timeoutMs = 120_000): Promise<number> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection, prefix });
  const started = performance.now();
  try {
    for (;;) {
      const counts = await Promise.all(
        [queues.lifecycle, queues.notifications].map((queue) =>
          queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
        ),
      );
      const left = counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
      if (left === 0) return performance.now() - started;
      if (performance.now() - started > timeoutMs)
        throw new Error(`the warm-up's jobs were not done after ${timeoutMs / 1000} s (${left} left)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await queues.closeAll();
    await closeRedisConnection(connection);
  }
}

/**
 * The open loop after `measureFrom` requests of its own at the same rate,
 * unmeasured: a freshly started server compiles its hot path and its client
 * opens its connections during them. With `settleOn`, the measure starts once
 * the worker has done the warm-up's jobs too, so it begins on a warm, idle
 * system, as a storm finds a running one; the keep-alive connections stay open
 * meanwhile.
 */
async function warmOpenLoop(
  pool: WirePool,
  requests: PreparedRequest[],
  rate: number,
  measureFrom: number,
  settleOn: { redisUrl: string; prefix: string } | null,
): Promise<Outcome & { settleMs: number | null }> {
  const warmup = await openLoop(pool, requests.slice(0, measureFrom), rate);
  const settleMs = settleOn ? await settle(settleOn.redisUrl, settleOn.prefix) : null;
  const outcome = await openLoop(pool, requests.slice(measureFrom), rate);
  return { ...outcome, warmupStatuses: warmup.statuses, settleMs };
}

async function main(): Promise<void> {
  const flags = args();
  const url = new URL(flags.get('url') ?? 'http://127.0.0.1:3000');
  const targets = JSON.parse(fs.readFileSync(flags.get('targets') ?? '', 'utf8')) as IngestTargets;
  const from = Number(flags.get('from') ?? 0);
  const count = Number(flags.get('count') ?? 10_000);
  const secret = flags.get('secret') ?? '';
  const requests =
    flags.get('target') === 'bridge'
      ? targets.sites.slice(from, from + count).map(bridgeRequest)
      : targets.shopify.slice(from, from + count).map((store) => shopifyRequest(store, secret));
  if (requests.length < count)
    throw new Error(`only ${requests.length} targets from ${from}; seed more with --stores`);
  const prepared = requests.map(({ key, path, headers, body }) => ({
    key,
    wire: wireRequest(url, path, headers, body),
  }));
  const open = flags.get('mode') === 'open';
  const measureFrom = Number(flags.get('measure-from') ?? 0);
  const connections = Number(flags.get('connections') ?? 64);
  const pool = new WirePool(url, open ? 512 : connections);
  const settleRedis = flags.get('settle-redis');
  const settleOn = settleRedis ? { redisUrl: settleRedis, prefix: flags.get('settle-prefix') ?? '' } : null;
  const outcome = open
    ? await warmOpenLoop(pool, prepared, Number(flags.get('rate') ?? 1000), measureFrom, settleOn)
    : { ...(await warmClosedLoop(pool, prepared, connections, measureFrom)), settleMs: null };
  pool.destroy();
  const sendsFile = flags.get('sends');
  if (sendsFile) fs.writeFileSync(sendsFile, JSON.stringify(outcome.sends));
  const latenciesFile = flags.get('latencies');
  if (latenciesFile) fs.writeFileSync(latenciesFile, JSON.stringify(outcome.latencies));
  const sorted = outcome.latencies.sort((a, b) => a - b);
  emit({
    sent: requests.length - measureFrom,
    ok: outcome.statuses.get(200) ?? 0,
    seconds: round(outcome.seconds),
    rps: Math.round((requests.length - measureFrom) / outcome.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    statuses: Object.fromEntries(outcome.statuses),
    warmup: {
      sent: measureFrom,
      ok: outcome.warmupStatuses.get(200) ?? 0,
      statuses: Object.fromEntries(outcome.warmupStatuses),
      settleMs: outcome.settleMs === null ? null : Math.round(outcome.settleMs),
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
