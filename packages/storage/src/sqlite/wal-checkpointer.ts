import { Worker } from 'node:worker_threads';

/**
 * WAL pages after which the writing connection checkpoints by itself. The
 * checkpointer keeps the WAL far below this; it only matters if that thread
 * is gone (the process keeps working, its checkpoints back on the writer).
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

export interface WalCheckpointerOptions {
  filename: string;
  /** How often the thread copies the WAL back into the database. Default 50 ms. */
  intervalMs?: number;
  /** Past this many WAL pages a checkpoint also restarts the WAL (writers wait for it). Default 4,000 (16 MB). */
  restartAbovePages?: number;
  /** Longest a restart waits for older readers, new writers held off meanwhile. Default 100 ms. */
  restartWaitMs?: number;
  /** After a restart that found readers, how long before the next try. Default 1 s. */
  restartBackoffMs?: number;
  onError?: (error: Error) => void;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

// Runs in the thread: its own connection, PASSIVE checkpoints (they never
// block the writer), and a RESTART one when a steady stream of commits has
// kept the WAL from restarting by itself (a writer restarts it only when it
// finds every frame already copied). RESTART keeps the file: the writer
// overwrites it from the start. TRUNCATE, which also shortened the file to
// nothing, held writers off for 40-70 ms (the filesystem freeing and then
// growing the file again) against 3-10 ms; the file's size is bounded by
// journal_size_limit instead (connection.ts). A pending RESTART holds off
// new writers while it waits for older readers to finish, so it waits
// `restartWaitMs` at most, then gives up (`busy` = 1) and leaves writers
// alone for `restartBackoffMs`: a read transaction left open elsewhere must
// not stop every write for the five seconds of the usual busy timeout.
// PASSIVE never waits.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.restartWaitMs);
let restartAfter = 0;
const tick = () => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (!result || result.log <= workerData.restartAbovePages || Date.now() < restartAfter) return;
  const [restart] = db.pragma('wal_checkpoint(RESTART)');
  // A reader still holds its snapshot: let writers be for a while before asking again.
  if (restart && restart.busy) restartAfter = Date.now() + workerData.restartBackoffMs;
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { tick(); } finally { db.close(); parentPort.close(); }
});
`;

/**
 * Checkpoints a WAL-mode SQLite file from a worker thread with its own
 * connection. A checkpoint copies committed pages into the database file and
 * syncs it: on the writing connection (SQLite's default, every 1,000 pages)
 * that work would stall whatever commits next.
 */
export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: {
      filename: options.filename,
      driver: require.resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 50,
      restartAbovePages: options.restartAbovePages ?? 4_000,
      restartWaitMs: options.restartWaitMs ?? 100,
      restartBackoffMs: options.restartBackoffMs ?? 1_000,
    },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => options.onError?.(error));
  // A process that forgets to close its database still exits.
  worker.unref();
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage('stop');
        const timer = setTimeout(() => void worker.terminate(), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
