import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateDevKey, parseEncryptionKey } from './keys';

const DEV_KEY_FILE = 'dev-encryption.key';

describe('encryption keys', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-keys-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a private 32-byte dev key on first use and reuses it afterwards', () => {
    const dir = path.join(dataDir, 'nested');
    const first = loadOrCreateDevKey(path.join(dir, DEV_KEY_FILE));
    expect(first).toHaveLength(32);
    const file = path.join(dir, DEV_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevKey(path.join(dir, DEV_KEY_FILE)).equals(first)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([DEV_KEY_FILE]);
  });

  it('never replaces an existing key file', () => {
    const existing = crypto.randomBytes(32);
    fs.writeFileSync(path.join(dataDir, DEV_KEY_FILE), existing.toString('base64'));
    expect(loadOrCreateDevKey(path.join(dataDir, DEV_KEY_FILE)).equals(existing)).toBe(true);
  });

  it('parses a base64 key of 32 bytes and rejects anything else', () => {
    const key = crypto.randomBytes(32);
    expect(parseEncryptionKey(` ${key.toString('base64')}\n`).equals(key)).toBe(true);
    expect(() => parseEncryptionKey(crypto.randomBytes(16).toString('base64'))).toThrow(/32 bytes in base64/);
    expect(() => parseEncryptionKey('not base64 at all!')).toThrow(/openssl rand -base64 32/);
  });
});
