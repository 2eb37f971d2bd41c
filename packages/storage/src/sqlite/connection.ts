import { FALLBACK_AUTOCHECKPOINT_PAGES } from './wal-checkpointer';

/** The better-sqlite3 connection methods the set-up uses. */
export interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): unknown;
}

/** The size a WAL file is cut back to when it restarts (64 MiB). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** How long a write waits for a lock held by another connection before SQLITE_BUSY (ingest batches, async). */
export const LOCK_WAIT_MS = 5_000;

/**
 * How long any statement may wait for that lock in SQLite's busy handler,
 * which sleeps on the calling thread: the event loop stops meanwhile. Long
 * enough for another connection's commit or a WAL restart (a few ms, 100 at
 * most); a longer hold (another process's long transaction) fails the
 * statement with UNAVAILABLE, for the job to be retried or the request to be
 * answered 503, instead of stopping every request of the process for 5 s.
 */
export const BLOCKING_LOCK_WAIT_MS = 250;

// Knex compiles the same few statements over and over (one per batch size of a
// hot query); better-sqlite3 would parse and plan each one again.
const STATEMENT_CACHE_SIZE = 256;

/**
 * Keeps the last prepared statements of a connection by their SQL text.
 * Knex runs each statement to completion (`all` or `run`) before the next,
 * so one statement object can serve every call; SQLite re-prepares it by
 * itself after a schema change.
 */
export function cacheStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (source: string) => {
    const cached = cache.get(source);
    if (cached !== undefined) {
      // Re-inserted: the Map's order is then least recently used first.
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  };
}

/** The pragmas every connection gets (an in-memory database has no WAL), and its statement cache. */
export function configureConnection(connection: SqliteConnection, inMemory: boolean): void {
  if (!inMemory) {
    connection.pragma('journal_mode = WAL');
    connection.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    // The checkpointer restarts the WAL without shortening it; a WAL that a
    // long read let grow past this is cut back when it restarts.
    connection.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }
  // In WAL mode NORMAL still survives a crash of the process (the fault
  // model of a webhook answered 2xx); only an OS crash or power loss can
  // roll back the last commits. Deployments that need that too run on
  // PostgreSQL (docs/operations.md). FULL costs an fsync per commit.
  connection.pragma('synchronous = NORMAL');
  connection.pragma(`busy_timeout = ${BLOCKING_LOCK_WAIT_MS}`);
  connection.pragma('foreign_keys = ON');
  cacheStatements(connection);
}
