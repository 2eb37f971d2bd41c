/* What the worker benchmarks share: arguments, a throw-away database and Redis prefix, result output. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '@dropship/storage';
import type { Database } from '@dropship/storage';
import { systemClock } from '@dropship/core';
import type { Repositories } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import { createProcessors } from '@dropship/worker';

export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `--name=value` arguments. */
export function args(): Map<string, string> {
  return new Map(
    process.argv
      .slice(2)
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [key, ...rest] = a.slice(2).split('=');
        return [key ?? '', rest.join('=')] as [string, string];
      }),
  );
}

export interface BenchDatabase {
  url: string;
  dataDir: string;
  keyHex: string;
  db: Database;
  repos: Repositories;
  destroy(): Promise<void>;
}

/** Location of a bench database, created by `createBenchDatabase` or reopened from it in another process. */
export interface BenchDatabaseLocation {
  dialect: 'sqlite' | 'postgres';
  url: string;
  dataDir: string;
  keyHex: string;
  schema: string | null;
}

export function newLocation(dialect: 'sqlite' | 'postgres'): BenchDatabaseLocation {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-'));
  const keyHex = crypto.randomBytes(32).toString('hex');
  if (dialect === 'sqlite') {
    return { dialect, url: `sqlite://${path.join(dataDir, 'bench.sqlite')}`, dataDir, keyHex, schema: null };
  }
  const schema = `bench_${crypto.randomBytes(6).toString('hex')}`;
  const url = new URL(postgresUrl);
  url.searchParams.set('schema', schema);
  return { dialect, url: url.toString(), dataDir, keyHex, schema };
}

export async function openBenchDatabase(
  location: BenchDatabaseLocation,
  migrate = false,
): Promise<BenchDatabase> {
  const db = await openDatabase({ url: location.url, dataDir: location.dataDir });
  if (migrate) await migrateToLatest(db);
  const repos = createRepositories(db, createCipher(Buffer.from(location.keyHex, 'hex')));
  return {
    ...location,
    db,
    repos,
    async destroy() {
      if (location.schema) await db.knex.raw('drop schema if exists ?? cascade', [location.schema]);
      await db.close();
      fs.rmSync(location.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Settles the events still pending when a phase drops its queues: their jobs
 * are gone on purpose, and the next phase's server would otherwise queue them
 * again at start (its recovery sweep heals jobs that Redis lost), making its
 * worker run the last phase's backlog too. Returns how many it settled.
 */
export async function discardPendingEvents(location: BenchDatabaseLocation): Promise<number> {
  const bench = await openBenchDatabase(location);
  try {
    return await bench.db
      .knex('lifecycle_events')
      .where({ outcome: 'pending' })
      .update({ outcome: 'discarded', outcome_reason: 'benchmark phase over: its queue was dropped' });
  } finally {
    await bench.db.close();
  }
}

export function uniquePrefix(label: string): string {
  return `bench-${label}-${crypto.randomBytes(4).toString('hex')}`;
}

/** Deletes every key of a prefix (UNLINK in batches: a million keys take seconds, not minutes). */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 10_000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  await redis.quit();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The one line the runner reads: `RESULT {json}`. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The store ids of the ingest targets file (ingest-setup) that a load from `from` covers. */
export function targetStoreIds(targetsFile: string, target: string, from: number, count: number): string[] {
  const targets = JSON.parse(fs.readFileSync(targetsFile, 'utf8')) as {
    shopify: Array<{ id: string }>;
    sites: Array<{ id: string }>;
  };
  const list = target === 'bridge' ? targets.sites : targets.shopify;
  return list.slice(from, from + count).map((store) => store.id);
}

/** The worker's real processors on a bench database: the built-in supplier, the outbox mailer, no store platform. */
export function benchProcessors(repos: Repositories, queues: Queues): ReturnType<typeof createProcessors> {
  return createProcessors({
    repos,
    queues,
    clock: systemClock,
    supplier: createBuiltInSupplier({ repos }),
    mailer: createOutboxMailer({ repos, clock: systemClock }),
    platforms: {},
    publicBaseUrl: 'https://dropship.example',
    teamEmail: 'team@dropship.example',
  });
}
