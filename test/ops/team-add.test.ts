import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '@dropship/cli';
import { verifyPassword } from '@dropship/server';
import { createCipher, createRepositories, openDatabase } from '@dropship/storage';

let dataDir: string;
const lines: string[] = [];
const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-team-add-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function member(email: string) {
  const db = await openDatabase({ dataDir });
  try {
    return await createRepositories(db, createCipher(Buffer.alloc(32))).team.findByEmail(email);
  } finally {
    await db.close();
  }
}

describe('team:add', () => {
  const env = () => ({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

  it('adds the first team member with the password from TEAM_MEMBER_PASSWORD, hashed with scrypt', async () => {
    expect(await runCli(['migrate'], env(), io)).toEqual({ exitCode: 0 });
    const result = await runCli(
      ['team:add', 'Lead@Dropship.test', 'operator'],
      { ...env(), TEAM_MEMBER_PASSWORD: 'a long enough passphrase' },
      io,
    );
    expect(result).toEqual({ exitCode: 0 });
    const added = await member('lead@dropship.test');
    expect(added).toMatchObject({ email: 'lead@dropship.test', role: 'operator' });
    expect(added?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a long enough passphrase', added?.passwordHash ?? '')).toBe(true);
  });

  it('without a password, generates one and prints it once; re-running resets the role', async () => {
    lines.length = 0;
    expect(await runCli(['team:add', 'lead@dropship.test', 'viewer'], env(), io)).toEqual({ exitCode: 0 });
    const printed = lines.find((line) => line.startsWith('Password (shown once'))?.split(': ')[1] ?? '';
    expect(printed.length).toBeGreaterThanOrEqual(20);
    const updated = await member('lead@dropship.test');
    expect(updated?.role).toBe('viewer');
    expect(await verifyPassword(printed, updated?.passwordHash ?? '')).toBe(true);
  });

  it('refuses an unknown role and a short password', async () => {
    expect(await runCli(['team:add', 'x@dropship.test', 'admin'], env(), io)).toEqual({ exitCode: 2 });
    const short = await runCli(
      ['team:add', 'x@dropship.test', 'viewer'],
      { ...env(), TEAM_MEMBER_PASSWORD: 'short' },
      io,
    );
    expect(short).toEqual({ exitCode: 1 });
    expect(await member('x@dropship.test')).toBeNull();
  });
});
