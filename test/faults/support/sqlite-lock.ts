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
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(holdMs));
`;

/**
 * Holds an exclusive lock on a SQLite file from a second connection (another
 * process) for `holdMs`: writers get SQLITE_BUSY once their busy timeout ends.
 * Resolves when the lock is taken; `released` resolves when it is let go.
 */
export function holdSqliteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, ['-e', HOLDER, file, String(holdMs)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const released = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lock holder exited ${code}: ${stderr}`)),
    ),
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ released });
    });
    released.catch(reject);
  });
}
