import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** The one error class of @dropship/storage. */
export class StorageError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}

const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const FOREIGN_KEY_CODES = new Set(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: database does not exist
  '28P01', // invalid_password
  '28000', // invalid_authorization_specification
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isConnectionFailure(error: unknown, code: string | undefined): boolean {
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED/i.test(message);
}

/**
 * Maps a driver error to a StorageError: unique violations become CONFLICT,
 * unreachable databases UNAVAILABLE. Errors that are already domain errors pass through.
 */
export function toStorageError(error: unknown, what = 'Database operation'): Error {
  if (error instanceof DomainError) return error;
  const code = codeOf(error);
  const cause = error instanceof Error ? error.message : String(error);
  if (code !== undefined && UNIQUE_CODES.has(code)) {
    return new StorageError(
      ErrorKinds.conflict,
      `${what} failed: a row with the same unique key already exists (${cause}).`,
      { code },
    );
  }
  if (code !== undefined && FOREIGN_KEY_CODES.has(code)) {
    return new StorageError(
      ErrorKinds.invalidInput,
      `${what} failed: it refers to a row that does not exist (${cause}).`,
      { code },
    );
  }
  if (isConnectionFailure(error, code)) {
    return new StorageError(
      ErrorKinds.unavailable,
      `${what} failed: the database is unavailable (${cause}). Check that it is running and that DATABASE_URL points to it.`,
      { code },
    );
  }
  return error instanceof Error ? error : new Error(cause);
}
