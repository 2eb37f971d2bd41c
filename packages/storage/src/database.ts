import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { ErrorKinds } from '@dropship/core';
import { StorageError, toStorageError } from './errors';
import { parseDatabaseUrl } from './database-url';
import type { DatabaseTarget, Dialect } from './database-url';
import { configureConnection } from './sqlite/connection';
import type { SqliteConnection } from './sqlite/connection';
import { postgresTypes } from './postgres-types';
import { startWalCheckpointer } from './sqlite/wal-checkpointer';
import type { WalCheckpointer } from './sqlite/wal-checkpointer';

export interface OpenDatabaseOptions {
  /** undefined or `sqlite:…` for SQLite, `postgres://…[?schema=name]` for PostgreSQL. */
  url?: string;
  /** Where the default SQLite file lives. */
  dataDir: string;
  pool?: { min?: number; max?: number };
  /** Receives knex's own warnings; its errors also reject the query, so by default nothing is printed. */
  log?: (level: 'warn' | 'error' | 'deprecate', message: string) => void;
}

/** An open connection pool and the dialect it speaks. */
export interface Database {
  knex: Knex;
  dialect: Dialect;
  /** The PostgreSQL schema from the URL, or null. */
  schema: string | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function sqliteConfig(
  target: Extract<DatabaseTarget, { dialect: 'sqlite' }>,
  options: OpenDatabaseOptions,
): Knex.Config {
  if (!target.inMemory) fs.mkdirSync(path.dirname(target.filename), { recursive: true });
  return {
    client: 'better-sqlite3',
    connection: { filename: target.filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, and a single connection keeps a
    // :memory: database alive and avoids SQLITE_BUSY_SNAPSHOT inside transactions.
    pool: {
      min: 1,
      max: options.pool?.max ?? 1,
      idleTimeoutMillis: target.inMemory ? Number.MAX_SAFE_INTEGER : 30_000,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        try {
          configureConnection(connection, target.inMemory);
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
  };
}

function postgresConfig(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  options: OpenDatabaseOptions,
): Knex.Config {
  return {
    client: 'pg',
    connection: { connectionString: target.connectionString, types: postgresTypes },
    ...(target.schema !== null ? { searchPath: [target.schema] } : {}),
    // Migrations hold one connection for their advisory lock and use another.
    pool: { min: options.pool?.min ?? 0, max: Math.max(2, options.pool?.max ?? 10) },
    acquireConnectionTimeout: 10_000,
  };
}

function describeTarget(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `SQLite ${target.filename}` : `PostgreSQL ${target.display}`;
}

async function ping(knex: Knex, target: DatabaseTarget): Promise<void> {
  try {
    await knex.raw('select 1');
  } catch (error) {
    const mapped = toStorageError(error, 'Connection check');
    const cause = error instanceof Error ? error.message : String(error);
    if (mapped instanceof StorageError && mapped.kind === ErrorKinds.unavailable) {
      const hint =
        target.dialect === 'postgres'
          ? 'Start PostgreSQL (pg_ctlcluster <version> main start) or fix DATABASE_URL.'
          : 'Check that the data directory is writable.';
      throw new StorageError(
        ErrorKinds.unavailable,
        `Cannot reach ${describeTarget(target)}: ${cause}. ${hint}`,
        mapped.details,
      );
    }
    throw mapped;
  }
}

/**
 * Opens the database named by `url` (SQLite by default, under `dataDir`) and
 * checks that it answers; fails with an UNAVAILABLE StorageError otherwise.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(options.url, options.dataDir);
  const config =
    target.dialect === 'sqlite' ? sqliteConfig(target, options) : postgresConfig(target, options);
  const log = options.log ?? (() => undefined);
  const knex = knexFactory({
    ...config,
    log: {
      warn: (message: string) => log('warn', message),
      error: (message: string) => log('error', message),
      deprecate: (message: string) => log('deprecate', message),
      debug: () => undefined,
    },
  });
  let checkpointer: WalCheckpointer | undefined;
  const close = async () => {
    await knex.destroy();
    await checkpointer?.stop();
  };
  const database: Database = {
    knex,
    dialect: target.dialect,
    schema: target.dialect === 'postgres' ? target.schema : null,
    ping: () => ping(knex, target),
    close,
  };
  try {
    await database.ping();
    // After the ping: the file exists and is in WAL mode by then.
    if (target.dialect === 'sqlite' && !target.inMemory) {
      checkpointer = startWalCheckpointer({
        filename: target.filename,
        onError: (error) =>
          log('warn', `SQLite checkpoints are back on the writing connection: ${error.message}`),
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return database;
}
