import type { Database as SqliteDatabase } from 'better-sqlite3';
import { StoreStates } from '@dropship/core';
import type { Knex } from 'knex';
import { BLOCKING_LOCK_WAIT_MS, LOCK_WAIT_MS } from '../sqlite/connection';
import type { Row } from './context';

/** One event of a batch as stored, and whether it begins its store's disconnect. */
export interface SqliteIngestInput {
  row: Row & { id: string; channel: string; delivery_id: string };
  /** The disconnect this event begins (time as stored, source), when it is new. */
  disconnect?: { storeId: string; at: unknown; source: string };
}

export interface SqliteIngestOutput {
  /** Per input, in order: its own row (the same object) when it was new, else the row stored before. */
  stored: Row[];
  /** The stores that left `connected`. */
  moved: string[];
}

/**
 * The SQLite side of `recordAndBeginDisconnects`, as plain prepared
 * statements run synchronously on the connection knex holds. SQLite has no
 * round trips to save, so a statement per event costs what its work costs;
 * built by knex, the batch's one multi-row insert and its CASE update spent a
 * sixth of the batch in query building, binding and promise turns.
 * The whole batch is one IMMEDIATE transaction: it takes the write lock at its
 * start instead of failing to upgrade a read lock halfway.
 */
export async function ingestOnSqlite(
  knex: Knex | Knex.Transaction,
  columns: readonly string[],
  inputs: readonly SqliteIngestInput[],
  updatedAt: unknown,
): Promise<SqliteIngestOutput> {
  // Inside a knex transaction this is the transaction's connection; otherwise
  // the pool's only one, taken as any query takes it, so no other query of
  // this process runs between these statements.
  const client = knex.client as {
    acquireConnection(): Promise<SqliteDatabase>;
    releaseConnection(connection: SqliteDatabase): Promise<unknown>;
  };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const connection = await client.acquireConnection();
    let outcome: SqliteIngestOutput | Busy;
    try {
      const run = connection.transaction(() => ingestBatch(connection, columns, inputs, updatedAt));
      if (connection.inTransaction) return run();
      outcome = withoutBusyWait(connection, () => run.immediate());
    } finally {
      await client.releaseConnection(connection);
    }
    if (!(outcome instanceof Busy)) return outcome;
    if (Date.now() >= deadline) throw outcome.error;
    // The connection is back in the pool meanwhile: reads go on.
    await new Promise((resolve) => setTimeout(resolve, WRITE_LOCK_RETRY_MS));
  }
}

/** The write lock was held by another connection: the batch did nothing. */
class Busy {
  constructor(readonly error: unknown) {}
}

const WRITE_LOCK_RETRY_MS = 1;

/**
 * Runs `begin` with SQLite's busy handler off. That handler sleeps on the
 * calling thread (1, 2, 5, 10, 15 ms… between tries): while the checkpointer
 * reset the WAL, or a worker process committed, it stopped this process's
 * event loop for up to 40 ms, every request waiting. The caller retries
 * instead, the event loop free in between.
 */
function withoutBusyWait<T>(connection: SqliteDatabase, begin: () => T): T | Busy {
  // Prepared (and so cached, connection.ts): `pragma()` compiles its statement at every call.
  connection.prepare('pragma busy_timeout = 0').get();
  try {
    return begin();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return new Busy(error);
    throw error;
  } finally {
    connection.prepare(`pragma busy_timeout = ${BLOCKING_LOCK_WAIT_MS}`).get();
  }
}

function ingestBatch(
  connection: SqliteDatabase,
  columns: readonly string[],
  inputs: readonly SqliteIngestInput[],
  updatedAt: unknown,
): SqliteIngestOutput {
  const list = columns.join(', ');
  const insert = connection.prepare(
    `insert into lifecycle_events (${list}) values (${columns.map(() => '?').join(', ')})
     on conflict (channel, delivery_id) do nothing returning id`,
  );
  const existing = connection.prepare(
    `select ${list} from lifecycle_events where channel = ? and delivery_id = ?`,
  );
  const leave = connection.prepare(
    `update stores set state = ?, automation_enabled = 0, disconnected_at = ?, disconnect_source = ?,
       updated_at = ?
     where id = ? and state = ? and (installed_at is null or installed_at <= ?) returning id`,
  );
  const stored: Row[] = [];
  const moved: string[] = [];
  const tried = new Set<string>();
  for (const { row, disconnect } of inputs) {
    const inserted = insert.get(columns.map((column) => row[column])) !== undefined;
    stored.push(inserted ? row : (existing.get(row.channel, row.delivery_id) as Row));
    // The first new event of a store decides, as if the events had come one by one.
    if (!inserted || !disconnect || tried.has(disconnect.storeId)) continue;
    tried.add(disconnect.storeId);
    const { storeId, at, source } = disconnect;
    const args = [StoreStates.disconnecting, at, source, updatedAt, storeId, StoreStates.connected, at];
    if (leave.get(args) !== undefined) moved.push(storeId);
  }
  return { stored, moved };
}
