import type { Config } from '@dropship/config';
import { ErrorKinds } from '@dropship/core';
import {
  createCipher,
  createRepositories,
  listMigrations,
  loadOrCreateDevKey,
  migrateToLatest,
  openDatabase,
} from '@dropship/storage';
import type { Database } from '@dropship/storage';
import type { Logger } from 'pino';
import { CliError } from '../errors';
import type { CloseStack } from './close-stack';

export interface OpenStorageOptions {
  /** Apply pending migrations (start all); otherwise refuse to run on an outdated schema. */
  migrate: boolean;
}

export interface Storage {
  db: Database;
  repositories: ReturnType<typeof createRepositories>;
}

/** ENCRYPTION_KEY, or outside production the key file generated in DATA_DIR on first start. */
export function encryptionKeyOf(config: Config): Buffer {
  const setting = config.encryptionKey;
  return setting.source === 'environment' ? setting.key : loadOrCreateDevKey(setting.path);
}

export async function openConfiguredDatabase(config: Config, closers: CloseStack): Promise<Database> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  closers.add('database', () => db.close());
  return db;
}

async function requireCurrentSchema(db: Database): Promise<void> {
  const { pending } = await listMigrations(db);
  if (pending.length > 0) {
    throw new CliError(
      ErrorKinds.unavailable,
      `The database has ${pending.length} pending migration(s) (${pending.join(', ')}). Run "npm run migrate" first, or "npm start", which migrates.`,
    );
  }
}

/** Opens the database, brings or checks its schema, and builds the repositories. */
export async function openStorage(
  config: Config,
  log: Logger,
  closers: CloseStack,
  options: OpenStorageOptions,
): Promise<Storage> {
  const db = await openConfiguredDatabase(config, closers);
  if (options.migrate) {
    const { applied } = await migrateToLatest(db);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  } else {
    await requireCurrentSchema(db);
  }
  const repositories = createRepositories(db, createCipher(encryptionKeyOf(config)));
  return { db, repositories };
}
