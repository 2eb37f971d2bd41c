import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

// Another process, so the lock is released on time even while the server's
// event loop waits in SQLite's busy handler.
const HOLDER = `
const Database = require('better-sqlite3');
const [file, holdMs] = process.argv.slice(1);
const db = new Database(file, { timeout: 10000 });
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked ' + Date.now() + '\\n');
setTimeout(() => { const at = Date.now(); db.exec('COMMIT'); db.close(); process.stdout.write('released ' + at + '\\n'); }, Number(holdMs));
`;

/**
 * Holds an exclusive lock on a SQLite file from a second connection (another
 * process) for `holdMs`: writers get SQLITE_BUSY once their busy timeout ends.
 * Resolves when the lock is taken, with the time it was (`lockedAt`);
 * `released` resolves with the time the holder let it go. Both times are read
 * in the holder: this process may see its output late (a synchronous wait for
 * the lock here holds its event loop), and a writer retrying every
 * millisecond can commit and answer before this process sees the holder exit.
 */
export function holdSqliteLock(
  file: string,
  holdMs: number,
): Promise<{ lockedAt: number; released: Promise<number> }> {
  const child = spawn(process.execPath, ['-e', HOLDER, file, String(holdMs)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lock holder exited ${code}: ${stderr}`)),
    ),
  );
  let releasedAt: (at: number) => void = () => undefined;
  const released = Promise.all([new Promise<number>((resolve) => (releasedAt = resolve)), exited]).then(
    ([at]) => at,
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const locked = /locked (\d+)/.exec(stdout);
      if (locked) resolve({ lockedAt: Number(locked[1]), released });
      const match = /released (\d+)/.exec(stdout);
      if (match) releasedAt(Number(match[1]));
    });
    released.catch(reject);
  });
}
