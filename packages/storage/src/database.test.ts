import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorKinds } from '@dropship/core';
import { openDatabase } from './database';
import { parseDatabaseUrl } from './database-url';
import { BLOCKING_LOCK_WAIT_MS } from './sqlite/connection';

describe('parseDatabaseUrl', () => {
  it('defaults to a SQLite file in the data directory', () => {
    expect(parseDatabaseUrl(undefined, '/data')).toEqual({
      dialect: 'sqlite',
      filename: '/data/dropship.sqlite',
      inMemory: false,
    });
  });

  it('accepts sqlite paths, relative or absolute, and an in-memory database', () => {
    expect(parseDatabaseUrl('sqlite:///var/db.sqlite', '/data')).toMatchObject({
      filename: '/var/db.sqlite',
    });
    expect(parseDatabaseUrl('sqlite://rel/db.sqlite', '/data')).toMatchObject({
      filename: path.resolve('rel/db.sqlite'),
    });
    expect(parseDatabaseUrl('sqlite::memory:', '/data')).toMatchObject({ inMemory: true });
  });

  it('reads a PostgreSQL URL and its schema', () => {
    expect(parseDatabaseUrl('postgresql://u:p@db:5433/app?schema=tenant_1', '/data')).toMatchObject({
      dialect: 'postgres',
      schema: 'tenant_1',
      connectionString: 'postgresql://u:p@db:5433/app',
      display: 'db:5433/app',
    });
    expect(() => parseDatabaseUrl('postgres://db/app?schema=bad;drop', '/data')).toThrow(/plain identifier/);
  });

  it('rejects other schemes with the accepted forms', () => {
    expect(() => parseDatabaseUrl('mysql://db/app', '/data')).toThrow(
      /sqlite:<path>, sqlite::memory: or postgres/,
    );
  });
});

describe('openDatabase', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-db-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the default SQLite file with WAL, a busy timeout and foreign keys on', async () => {
    const db = await openDatabase({ dataDir: path.join(dataDir, 'nested') });
    try {
      expect(db.dialect).toBe('sqlite');
      expect(fs.existsSync(path.join(dataDir, 'nested', 'dropship.sqlite'))).toBe(true);
      const pragma = async (name: string) =>
        Object.values(((await db.knex.raw(`pragma ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(BLOCKING_LOCK_WAIT_MS);
      expect(await pragma('journal_size_limit')).toBe(64 * 1024 * 1024);
      expect(await pragma('foreign_keys')).toBe(1);
      await db.ping();
    } finally {
      await db.close();
    }
  });

  it('copies the WAL back into the SQLite file from its own thread, not on the writing connection', async () => {
    const db = await openDatabase({ dataDir });
    const file = path.join(dataDir, 'dropship.sqlite');
    try {
      await db.knex.schema.createTable('t', (table) => table.text('x'));
      const sizeBefore = fs.statSync(file).size;
      // ~2,000 pages: far below the writing connection's own checkpoint threshold.
      const filler = 'x'.repeat(4000);
      await db.knex.transaction(async (tx) => {
        for (let i = 0; i < 40; i += 1) {
          await tx('t').insert(Array.from({ length: 50 }, () => ({ x: filler })));
        }
      });
      const deadline = Date.now() + 5_000;
      while (fs.statSync(file).size < sizeBefore + 7_000_000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(fs.statSync(file).size).toBeGreaterThanOrEqual(sizeBefore + 7_000_000);
      expect(await db.knex('t').count({ n: '*' })).toEqual([{ n: 2000 }]);
    } finally {
      await db.close();
    }
  });

  it('runs a repeated statement again after a schema change (prepared statements are cached)', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await db.knex.schema.createTable('t', (table) => table.integer('x'));
      await db.knex('t').insert({ x: 1 });
      expect(await db.knex('t').select('*')).toEqual([{ x: 1 }]);
      await db.knex.schema.alterTable('t', (table) => table.integer('y').defaultTo(2));
      expect(await db.knex('t').select('*')).toEqual([{ x: 1, y: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('keeps an in-memory SQLite database alive for the life of the pool', async () => {
    const db = await openDatabase({ url: 'sqlite::memory:', dataDir });
    try {
      await db.knex.schema.createTable('t', (table) => table.integer('x'));
      await db.knex('t').insert({ x: 1 });
      expect(await db.knex('t').count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('an unreachable PostgreSQL is UNAVAILABLE with a message that says how to fix it', async () => {
    const error = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/postgres', dataDir }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: ErrorKinds.unavailable });
    expect((error as Error).message).toMatch(
      /Cannot reach PostgreSQL 127\.0\.0\.1:1\/postgres: .*ECONNREFUSED.*Start PostgreSQL/,
    );
  });
});
