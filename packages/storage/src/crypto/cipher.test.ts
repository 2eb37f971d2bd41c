import crypto from 'node:crypto';
import { ErrorKinds } from '@dropship/core';
import { createCipher } from './cipher';

describe('createCipher', () => {
  const key = crypto.randomBytes(32);

  it('round-trips text, with a fresh IV for every encryption', () => {
    const cipher = createCipher(key);
    const plain = 'shpat_0123456789abcdef — clé';
    const first = cipher.encrypt(plain);
    const second = cipher.encrypt(plain);
    expect(first).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('shpat');
    expect(cipher.decrypt(first)).toBe(plain);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('detects a tampered ciphertext', () => {
    const cipher = createCipher(key);
    const [version, iv, tag, data] = cipher.encrypt('secret value').split(':') as [
      string,
      string,
      string,
      string,
    ];
    const bytes = Buffer.from(data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const tampered = [version, iv, tag, bytes.toString('base64')].join(':');
    expect(() => cipher.decrypt(tampered)).toThrow(
      expect.objectContaining({ kind: ErrorKinds.unauthorized }),
    );
  });

  it('refuses a value encrypted with another key, saying which key to restore', () => {
    const token = createCipher(key).encrypt('secret value');
    expect(() => createCipher(crypto.randomBytes(32)).decrypt(token)).toThrow(/different ENCRYPTION_KEY/);
  });

  it('rejects keys that are not 32 bytes and values that are not tokens', () => {
    expect(() => createCipher(crypto.randomBytes(16))).toThrow(/exactly 32/);
    expect(() => createCipher(key).decrypt('plain text')).toThrow(
      expect.objectContaining({ kind: ErrorKinds.invalidInput }),
    );
  });
});
