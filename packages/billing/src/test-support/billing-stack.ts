import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createManualClock } from '@dropship/core';
import type { ManualClock, Mailer, Repositories, Store } from '@dropship/core';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '@dropship/storage';
import type { Database } from '@dropship/storage';
import type { BillingDeps } from '../billing-deps';
import { createBillingTeamCollector } from '../billing-team-collector';
import { createQueueRenewalScheduler } from '../renewal-scheduler';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BillingStack {
  deps: BillingDeps;
  repos: Repositories;
  clock: ManualClock;
  queues: Queues;
  db: Database;
  createStore(params?: { domain?: string; email?: string }): Promise<Store>;
  close(): Promise<void>;
}

/** The outbox as the Mailer port: the same table the worker's mailer writes to. */
export function outboxMailer(repos: Repositories, clock: ManualClock): Mailer {
  return {
    async send(message) {
      const written = await repos.outbox.enqueueOnce({
        idempotencyKey: message.idempotencyKey ?? `${message.to}.${message.subject}`,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        tags: message.tags,
        createdAt: clock.now(),
      });
      return { messageId: written.inserted ? written.message.id : written.existing.id };
    },
  };
}

async function openTestDatabase(dialect: 'sqlite' | 'postgres', dataDir: string) {
  if (dialect === 'sqlite') return { db: await openDatabase({ dataDir }), drop: async () => undefined };
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = await openDatabase({ url: `${POSTGRES_URL}?schema=${schema}`, dataDir });
  return { db, drop: () => db.knex.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined) };
}

async function connectRedis() {
  const redis = createRedisConnection(REDIS_URL, 'producer');
  await new Promise((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', (error: Error) =>
      reject(
        new Error(
          `Redis does not answer at ${REDIS_URL} (${error.message}): start redis-server or set TEST_REDIS_URL.`,
        ),
      ),
    );
  });
  return redis;
}

/** Billing on real parts: a migrated SQLite file (or PostgreSQL schema), queues on the real Redis, a manual clock. */
export async function createBillingStack(options: {
  start: Date;
  dialect?: 'sqlite' | 'postgres';
}): Promise<BillingStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-billing-'));
  const { db, drop } = await openTestDatabase(options.dialect ?? 'sqlite', dataDir);
  await migrateToLatest(db);
  const repos = createRepositories(db, createCipher(randomBytes(32)));
  const redis = await connectRedis();
  const queues = createQueues({ connection: redis, prefix: `test-billing-${randomUUID().slice(0, 8)}` });
  const clock = createManualClock(options.start);
  const deps: BillingDeps = {
    repos,
    clock,
    scheduler: createQueueRenewalScheduler({ queues, clock }),
    collector: createBillingTeamCollector({ repos, clock }),
    mailer: outboxMailer(repos, clock),
    accountUrl: 'https://app.example.test/account/stores',
  };
  return {
    deps,
    repos,
    clock,
    queues,
    db,
    async createStore(params = {}) {
      const account = await repos.accounts.create({
        email: params.email ?? 'owner@example.test',
        name: 'Owner',
      });
      return repos.stores.create({
        accountId: account.id,
        platform: 'woocommerce',
        domain: params.domain ?? `shop-${randomUUID().slice(0, 8)}.example.test`,
        installedAt: clock.now(),
      });
    },
    async close() {
      await Promise.all(Object.values(queues.byName).map((queue) => queue.obliterate({ force: true })));
      await queues.closeAll();
      await closeRedisConnection(redis);
      await drop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
