import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorKinds } from '@dropship/core';
import { StorageError } from '../errors';
import { ENCRYPTION_KEY_BYTES } from './cipher';

/** Decodes a base64 key and checks it is 32 bytes. */
export function parseEncryptionKey(base64: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== ENCRYPTION_KEY_BYTES) {
    throw new StorageError(
      ErrorKinds.invalidInput,
      `ENCRYPTION_KEY must be ${ENCRYPTION_KEY_BYTES} bytes in base64 (44 characters); generate one with: openssl rand -base64 32.`,
    );
  }
  return key;
}

/**
 * Reads the development key file, creating it (32 random bytes, mode 0600)
 * when absent. Its place is the configuration's (DATA_DIR); for development
 * only: production passes ENCRYPTION_KEY.
 */
export function loadOrCreateDevKey(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside then linked: link fails when the file exists, so two
    // processes starting together keep one key and never read a half-written file.
    const temp = `${file}.${process.pid}.${crypto.randomUUID()}`;
    fs.writeFileSync(temp, `${crypto.randomBytes(ENCRYPTION_KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
    });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(temp);
    }
  }
  return parseEncryptionKey(fs.readFileSync(file, 'utf8'));
}
