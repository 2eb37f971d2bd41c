import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '@dropship/config';
import type { Config } from '@dropship/config';
import { createManualClock } from '@dropship/core';
import { createEventIngestor } from '@dropship/lifecycle';
import type { ManualClock, Repositories } from '@dropship/core';
import {
  closeRedisConnection,
  createQueues,
  createRedisConnection,
  createRedisReplayGuard,
} from '@dropship/queues';
import { BRIDGE_REPLAY_WINDOW_MS } from '@dropship/woocommerce';
import type { Queues } from '@dropship/queues';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '@dropship/storage';
import type { Database } from '@dropship/storage';
import { createApp } from '../app';
import type { ServerApp } from '../app';
import { LOG_REDACTION } from '../http/log-redaction';
import { shopifyAdapterFromConfig } from '../shopify/shopify-adapter-from-config';
import type { ServerDeps, ServerOptions } from '../server-deps';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStackOptions {
  /** Extra or overriding environment for loadConfig (NODE_ENV=test and DATA_DIR are set). */
  env?: Record<string, string>;
  /** `sqlite` (default: a temp file) or `postgres` (a throw-away schema). */
  dialect?: 'sqlite' | 'postgres';
  start?: Date;
  options?: ServerOptions;
  /** The Shopify stand-in's origin: the adapter sends every Admin API and OAuth request there. */
  shopifyAdminApiOrigin?: string;
  /** Another Redis than TEST_REDIS_URL (e.g. a private one a fault test stops and restarts). */
  redisUrl?: string;
  /** Another PostgreSQL server URL than TEST_DATABASE_URL (e.g. through a fault proxy); a schema is added. */
  postgresUrl?: string;
}

export interface TestStack {
  app: ServerApp;
  deps: ServerDeps;
  config: Config;
  db: Database;
  repos: Repositories;
  queues: Queues;
  clock: ManualClock;
  /** Every JSON log line the server wrote. */
  logLines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

function capturingLogger(lines: Array<Record<string, unknown>>) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  // The production redaction, so tests see exactly what would be written.
  return pino({ level: 'debug', ...LOG_REDACTION }, stream);
}

async function openTestDatabase(
  dialect: 'sqlite' | 'postgres',
  dataDir: string,
  postgresUrl = TEST_POSTGRES_URL,
) {
  if (dialect === 'sqlite') return { db: await openDatabase({ dataDir }), drop: async () => undefined };
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = await openDatabase({ url: `${postgresUrl}?schema=${schema}`, dataDir });
  return {
    db,
    drop: async () => {
      await db.knex.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/**
 * A whole server on real parts: a migrated SQLite file (or PostgreSQL schema),
 * queues on the real Redis under a unique prefix, a manual clock. Tests drive
 * it with supertest or over a real port, and call close() after.
 */
export async function createTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-stack-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env });
  const { db, drop } = await openTestDatabase(options.dialect ?? 'sqlite', dataDir, options.postgresUrl);
  await migrateToLatest(db);
  const repos = createRepositories(db, createCipher(randomBytes(32)));
  const redis = createRedisConnection(options.redisUrl ?? TEST_REDIS_URL, 'producer');
  await new Promise((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', reject);
  });
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const queues = createQueues({ connection: redis, prefix });
  const clock = createManualClock(options.start ?? new Date());
  const logLines: Array<Record<string, unknown>> = [];
  const log = capturingLogger(logLines);
  const deps: ServerDeps = {
    db,
    redis,
    log,
    shopify: shopifyAdapterFromConfig(config, {
      log,
      ...(options.shopifyAdminApiOrigin !== undefined
        ? { adminApiOrigin: options.shopifyAdminApiOrigin }
        : {}),
    }),
    config,
    repos,
    queues,
    clock,
    ingest: createEventIngestor({ repos, queues, clock }),
    replayGuard: createRedisReplayGuard({ connection: redis, prefix, windowMs: BRIDGE_REPLAY_WINDOW_MS }),
    options: options.options,
  };
  const close = async () => {
    // Every key of the prefix, not only the queues': job durations, replay guard, rate limits.
    const batches = redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>;
    for await (const keys of batches) if (keys.length > 0) await redis.del(...keys);
    await queues.closeAll();
    await closeRedisConnection(redis);
    await drop();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app: createApp(deps), deps, config, db, repos, queues, clock, logLines, close };
}
