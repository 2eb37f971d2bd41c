import type { Knex } from 'knex';
import { ErrorKinds } from '@dropship/core';
import type { Database } from './database';
import { StorageError, toStorageError } from './errors';
import { migrations } from './migrations';
import type { Migration } from './migrations/columns';

export interface MigrateResult {
  /** Names of the migrations this call applied, in order (empty when already up to date). */
  applied: string[];
}

export interface MigrationList {
  completed: string[];
  pending: string[];
}

const TABLE_NAME = 'knex_migrations';
const LOCK_TABLE_NAME = 'knex_migrations_lock';
const LOCK_WAIT_MS = 60_000;

const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

function migratorConfig(db: Database): Knex.MigratorConfig {
  return {
    migrationSource,
    tableName: TABLE_NAME,
    ...(db.schema !== null ? { schemaName: db.schema } : {}),
  };
}

/**
 * knex creates its bookkeeping tables with check-then-create, which races when
 * two processes start together; these statements are each atomic in SQLite.
 */
async function ensureSqliteBookkeeping(knex: Knex): Promise<void> {
  await knex.raw(
    `create table if not exists ${TABLE_NAME} (id integer primary key autoincrement, name varchar(255), batch integer, migration_time datetime)`,
  );
  await knex.raw(
    `create table if not exists ${LOCK_TABLE_NAME} (\`index\` integer primary key autoincrement, is_locked integer)`,
  );
  await knex.raw(
    `insert into ${LOCK_TABLE_NAME} (is_locked) select 0 where not exists (select 1 from ${LOCK_TABLE_NAME})`,
  );
}

function isLockError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'MigrationLocked' || /SQLITE_BUSY/.test(error.message));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function latestWithLockRetry(db: Database): Promise<string[]> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const [, log] = (await db.knex.migrate.latest(migratorConfig(db))) as [number, string[]];
      return log;
    } catch (error) {
      if (!isLockError(error)) throw error;
      if (Date.now() > deadline) {
        throw new StorageError(
          ErrorKinds.unavailable,
          `Migrations stayed locked for ${LOCK_WAIT_MS / 1000}s. If no other process is migrating, clear the lock: UPDATE ${LOCK_TABLE_NAME} SET is_locked = 0.`,
        );
      }
      await sleep(100 + Math.random() * 200);
    }
  }
}

/** A stable advisory-lock key per schema, so isolated schemas migrate independently. */
function advisoryKey(schema: string | null): number {
  let hash = 0x6d696772; // 'migr'
  for (const char of `dropship-migrations:${schema ?? ''}`)
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Applies every pending migration. Idempotent, and safe when several processes
 * start at once: PostgreSQL serialises them on an advisory lock, SQLite on
 * knex's migration lock (retried until free).
 */
export async function migrateToLatest(db: Database): Promise<MigrateResult> {
  try {
    if (db.dialect === 'sqlite') {
      await ensureSqliteBookkeeping(db.knex);
      return { applied: await latestWithLockRetry(db) };
    }
    const key = advisoryKey(db.schema);
    if (db.schema !== null) {
      const schema = db.schema;
      // Committed before migrating: knex's migrator works on other connections.
      await db.knex.transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(?)', [key]);
        await trx.raw('create schema if not exists ??', [schema]);
      });
    }
    const applied = await db.knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [key]);
      return latestWithLockRetry(db);
    });
    return { applied };
  } catch (error) {
    throw toStorageError(error, 'Migration');
  }
}

/** Names of applied and pending migrations. */
export async function listMigrations(db: Database): Promise<MigrationList> {
  const [completed, pending] = (await db.knex.migrate.list(migratorConfig(db))) as [
    Array<{ name: string }>,
    Migration[],
  ];
  return {
    completed: completed.map((entry) => entry.name),
    pending: pending.map((migration) => migration.name),
  };
}
