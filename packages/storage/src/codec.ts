import type { Dialect } from './database-url';

/**
 * Converts values between the domain and a dialect's columns. SQLite stores
 * timestamps as integer milliseconds since the epoch, booleans as 0/1 and JSON
 * as text; PostgreSQL uses timestamptz(3), boolean and jsonb.
 */
export interface Codec {
  date(value: Date): number | Date;
  dateOrNull(value: Date | null | undefined): number | Date | null;
  readDate(value: unknown): Date;
  readDateOrNull(value: unknown): Date | null;
  bool(value: boolean): number | boolean;
  readBool(value: unknown): boolean;
  json(value: unknown): string;
  readJson(value: unknown): unknown;
  readInt(value: unknown): number;
}

function readDate(value: unknown): Date {
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

function readInt(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

const sqliteCodec: Codec = {
  date: (value) => value.getTime(),
  dateOrNull: (value) => (value == null ? null : value.getTime()),
  readDate,
  readDateOrNull: (value) => (value == null ? null : readDate(value)),
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => Boolean(Number(value)),
  json: (value) => JSON.stringify(value ?? null),
  readJson: (value) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null)),
  readInt,
};

const postgresCodec: Codec = {
  date: (value) => value,
  dateOrNull: (value) => value ?? null,
  readDate,
  readDateOrNull: (value) => (value == null ? null : readDate(value)),
  bool: (value) => value,
  readBool: (value) => value === true,
  // pg would turn a JS array into a Postgres array literal: jsonb needs JSON text.
  json: (value) => JSON.stringify(value ?? null),
  readJson: (value) => value ?? null,
  readInt,
};

export function codecFor(dialect: Dialect): Codec {
  return dialect === 'sqlite' ? sqliteCodec : postgresCodec;
}
