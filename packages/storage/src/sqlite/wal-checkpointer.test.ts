import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startWalCheckpointer } from './wal-checkpointer';
import type { WalCheckpointer } from './wal-checkpointer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the WAL checkpointer thread', () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;
  let checkpointer: WalCheckpointer | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-wal-'));
    file = path.join(dir, 'test.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('busy_timeout = 10000');
    writer.exec('create table t (x blob)');
  });

  afterEach(async () => {
    await checkpointer?.stop();
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fill = (rows: number) => {
    const insert = writer.prepare('insert into t (x) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < rows; i += 1) insert.run(Buffer.alloc(4000, i));
    })();
  };
  const walPages = () => (fs.statSync(`${file}-wal`).size - 32) / (4096 + 24);

  it('starts a grown WAL over in the same file, without shortening it', async () => {
    checkpointer = startWalCheckpointer({ filename: file, intervalMs: 20, restartAbovePages: 50 });
    fill(200);
    const grown = walPages();
    expect(grown).toBeGreaterThan(200);
    // Once the thread has copied the frames back, the next write starts the log over.
    const frames = () => (writer.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? -1;
    const deadline = Date.now() + 5_000;
    let log = Infinity;
    while (log >= 50 && Date.now() < deadline) {
      await sleep(50);
      fill(1);
      log = frames();
    }
    expect(log).toBeLessThan(50);
    // TRUNCATE would have cut the file to nothing; the log's restart keeps it.
    expect(walPages()).toBeGreaterThanOrEqual(grown);
  });

  it('a reader that keeps its snapshot holds writes off for a moment only, not for the busy timeout', async () => {
    checkpointer = startWalCheckpointer({ filename: file, intervalMs: 20, restartAbovePages: 50 });
    const reader = new Database(file);
    try {
      reader.exec('begin');
      reader.prepare('select count(*) from t').get();
      fill(200);
      await sleep(100);
      // Each write can meet a pending restart, waiting for the reader.
      const waits: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const started = Date.now();
        fill(1);
        waits.push(Date.now() - started);
        await sleep(30);
      }
      expect(Math.max(...waits)).toBeLessThan(1_000);
    } finally {
      reader.exec('commit');
      reader.close();
    }
  });
});
