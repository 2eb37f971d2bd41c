import crypto from 'node:crypto';
import { ErrorKinds } from '@dropship/core';
import { StorageError } from '../errors';

/** Symmetric encryption of credentials at rest. */
export interface Cipher {
  /** Returns `v1:<iv b64>:<tag b64>:<ciphertext b64>`. */
  encrypt(plain: string): string;
  /** Throws UNAUTHORIZED when the token was encrypted with another key or was altered. */
  decrypt(token: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const ENCRYPTION_KEY_BYTES = 32;

function assertKey(key: Buffer): void {
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new StorageError(
      ErrorKinds.invalidInput,
      `The encryption key is ${key.length} bytes; AES-256-GCM needs exactly ${ENCRYPTION_KEY_BYTES} (generate one with: openssl rand -base64 32).`,
    );
  }
}

function parseToken(token: string): { iv: Buffer; tag: Buffer; data: Buffer } {
  const parts = token.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new StorageError(
      ErrorKinds.invalidInput,
      `Not an encrypted value (expected "${VERSION}:<iv>:<tag>:<ciphertext>").`,
    );
  }
  const [, iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64')) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new StorageError(
      ErrorKinds.invalidInput,
      'The encrypted value is malformed (bad IV or tag length).',
    );
  }
  return { iv, tag, data };
}

/** AES-256-GCM with a random 12-byte IV per value. */
export function createCipher(key: Buffer): Cipher {
  assertKey(key);
  const secret = Buffer.from(key);
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64'), tag.toString('base64'), data.toString('base64')].join(':');
    },
    decrypt(token) {
      const { iv, tag, data } = parseToken(token);
      const decipher = crypto.createDecipheriv('aes-256-gcm', secret, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new StorageError(
          ErrorKinds.unauthorized,
          'Cannot decrypt a stored credential: it was encrypted with a different ENCRYPTION_KEY or has been altered. Restore the key the data was written with.',
        );
      }
    },
  };
}
