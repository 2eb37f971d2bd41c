import path from 'node:path';
import { ErrorKinds } from '@dropship/core';
import { StorageError } from './errors';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { dialect: 'sqlite'; filename: string; inMemory: boolean }
  | { dialect: 'postgres'; connectionString: string; schema: string | null; display: string };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function sqliteTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  const rest = url === undefined ? '' : url.replace(/^sqlite:(\/\/)?/, '');
  if (rest === ':memory:') return { dialect: 'sqlite', filename: ':memory:', inMemory: true };
  const filename = rest === '' ? path.join(dataDir, 'dropship.sqlite') : path.resolve(rest);
  return { dialect: 'sqlite', filename, inMemory: false };
}

function postgresTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StorageError(
      ErrorKinds.invalidInput,
      'DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database.',
    );
  }
  const schema = parsed.searchParams.get('schema');
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new StorageError(
      ErrorKinds.invalidInput,
      `The schema "${schema}" in DATABASE_URL is not a plain identifier (letters, digits, _).`,
    );
  }
  parsed.searchParams.delete('schema');
  const display = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  return { dialect: 'postgres', connectionString: parsed.toString(), schema, display };
}

/**
 * Reads a database URL: undefined or `sqlite:` (file path or `:memory:`) means
 * SQLite, `postgres://` / `postgresql://` PostgreSQL with an optional `?schema=`.
 */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url === undefined || url === '' || url.startsWith('sqlite:'))
    return sqliteTarget(url || undefined, dataDir);
  if (/^postgres(ql)?:\/\//.test(url)) return postgresTarget(url);
  throw new StorageError(
    ErrorKinds.invalidInput,
    `Unsupported DATABASE_URL scheme in "${url.split(':')[0]}:…"; use sqlite:<path>, sqlite::memory: or postgres://…`,
  );
}
