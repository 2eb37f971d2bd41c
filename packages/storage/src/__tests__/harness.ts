import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Repositories } from '@dropship/core';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '../index';
import type { Cipher, Database, Dialect } from '../index';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database location nobody else uses: a temp SQLite file or a fresh PostgreSQL schema. */
export interface TestTarget {
  dialect: Dialect;
  url: string;
  dataDir: string;
  /** Removes the file or drops the schema. */
  destroy(): Promise<void>;
}

export interface StorageTestContext {
  dialect: Dialect;
  db: Database;
  repos: Repositories;
  cipher: Cipher;
  target: TestTarget;
  postgresBaseUrl: string;
}

export type GetContext = () => StorageTestContext;

export function createTestTarget(dialect: Dialect, postgresBaseUrl: string): TestTarget {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-storage-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      url: `sqlite://${path.join(dataDir, 'test.sqlite')}`,
      dataDir,
      destroy: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `storage_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const url = new URL(postgresBaseUrl);
  url.searchParams.set('schema', schema);
  return {
    dialect,
    url: url.toString(),
    dataDir,
    async destroy() {
      const admin = await openDatabase({ url: postgresBaseUrl, dataDir, pool: { max: 2 } });
      try {
        await admin.knex.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await admin.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Opens the target; for PostgreSQL, a refusal becomes a failure that says how to start it. */
export async function openTestDatabase(target: TestTarget): Promise<Database> {
  try {
    return await openDatabase({ url: target.url, dataDir: target.dataDir });
  } catch (error) {
    if (target.dialect !== 'postgres') throw error;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is required by the storage tests and did not answer (${cause}). ` +
        'Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
        '(install: apt-get install -y postgresql), or point TEST_DATABASE_URL at one.',
    );
  }
}

export async function setUpContext(dialect: Dialect, postgresBaseUrl: string): Promise<StorageTestContext> {
  const target = createTestTarget(dialect, postgresBaseUrl);
  const db = await openTestDatabase(target);
  await migrateToLatest(db);
  const cipher = createCipher(crypto.randomBytes(32));
  return { dialect, db, repos: createRepositories(db, cipher), cipher, target, postgresBaseUrl };
}

export async function tearDownContext(context: StorageTestContext | undefined): Promise<void> {
  if (!context) return;
  await context.db.close();
  await context.target.destroy();
}

let counter = 0;
/** A unique shop domain per call, so tests never collide on (platform, domain). */
export function uniqueDomain(prefix = 'shop'): string {
  counter += 1;
  return `${prefix}-${counter}-${crypto.randomUUID().slice(0, 8)}.example.com`;
}
