/*
 * What the worker tests share: a throw-away database (SQLite file or
 * PostgreSQL schema), a BullMQ prefix of their own, and the processors' deps
 * wired like the composition root does, with the built-in supplier and the
 * outbox mailer (no SMTP: messages stay readable in the outbox).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import { connectTestRedis, deleteKeysWithPrefix } from '../../support/redis';
import { systemClock } from '@dropship/core';
import type { Platform, Repositories, StorePlatform } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer } from '@dropship/lifecycle';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '@dropship/storage';
import type { Database } from '@dropship/storage';
import type { ProcessorDeps } from '@dropship/worker';
import type { Queues } from '@dropship/queues';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  dataDir: string;
  keyHex: string;
  db: Database;
  repos: Repositories;
  destroy(): Promise<void>;
}

/** A fresh, migrated database: a temp SQLite file, or a PostgreSQL schema dropped afterwards. */
export async function createTestDatabase(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-worker-'));
  const schema = `worker_test_${crypto.randomBytes(6).toString('hex')}`;
  let url = `sqlite://${path.join(dataDir, 'test.sqlite')}`;
  if (dialect === 'postgres') {
    const pg = new URL(postgresUrl);
    pg.searchParams.set('schema', schema);
    url = pg.toString();
  }
  let db: Database;
  try {
    db = await openDatabase({ url, dataDir });
  } catch (error) {
    throw new Error(
      `The worker tests need ${dialect} (${(error as Error).message}). For PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, or set TEST_DATABASE_URL.`,
    );
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const keyHex = crypto.randomBytes(32).toString('hex');
  const repos = createRepositories(db, createCipher(Buffer.from(keyHex, 'hex')));
  return {
    url,
    dataDir,
    keyHex,
    db,
    repos,
    async destroy() {
      if (dialect === 'postgres') await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A store platform that has no new orders: the sync runs find nothing (webhooks brought them). */
export const quietPlatform: Pick<StorePlatform, 'listRecentOrders'> = {
  listRecentOrders: async () => ({ orders: [], nextCursor: null }),
};

export function processorDeps(repos: Repositories, queues: Queues): ProcessorDeps {
  const platforms: Partial<Record<Platform, Pick<StorePlatform, 'listRecentOrders'>>> = {
    shopify: quietPlatform,
    woocommerce: quietPlatform,
  };
  return {
    repos,
    queues,
    clock: systemClock,
    supplier: createBuiltInSupplier({ repos }),
    mailer: createOutboxMailer({ repos, clock: systemClock }),
    platforms,
    publicBaseUrl: 'https://dropship.example.com',
    teamEmail: 'team@dropship.example.com',
  };
}

export { deleteKeysWithPrefix, uniquePrefix } from '../../support/redis';

/** A Redis connection for test bookkeeping (cleaning the prefix); fails saying how to start Redis. */
export function connectAdminRedis(): Promise<Redis> {
  return connectTestRedis(redisUrl);
}

/** What every worker suite opens: queues under its own prefix and a fresh database. */
export interface WorkerBed {
  admin: Redis;
  producer: Redis;
  queues: Queues;
  database: TestDatabase;
  /** Closes the queues and connections, deletes the prefix's keys and the database. */
  close(): Promise<void>;
}

export async function openWorkerBed(prefix: string, dialect: 'sqlite' | 'postgres'): Promise<WorkerBed> {
  const admin = await connectAdminRedis();
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix });
  await queues.lifecycle.waitUntilReady();
  const database = await createTestDatabase(dialect);
  return {
    admin,
    producer,
    queues,
    database,
    async close() {
      await queues.closeAll();
      await closeRedisConnection(producer);
      await deleteKeysWithPrefix(admin, prefix);
      await admin.quit();
      await database.destroy();
    },
  };
}

/** Polls `check` until it returns true (or fails with `what`). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
}
