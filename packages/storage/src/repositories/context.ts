import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Codec } from '../codec';
import type { Cipher } from '../crypto/cipher';
import type { Dialect } from '../database-url';

/** What every repository is built from: a connection (or a transaction) and the dialect's conversions. */
export interface RepositoryContext {
  knex: Knex | Knex.Transaction;
  dialect: Dialect;
  codec: Codec;
  cipher: Cipher;
}

export type Row = Record<string, unknown>;

export const newId = (): string => crypto.randomUUID();

/**
 * A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.
 * For the append-only logs (lifecycle events, outbox, reports, audit): their
 * primary-key index then grows at its right edge instead of dirtying a
 * random page per row, which on SQLite is a page written to the WAL at each
 * commit (measured: 13 µs of 53 µs per lifecycle event). Not for ids that
 * leave the platform, whose creation time is nobody's business.
 */
export function newTimeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const random = crypto.randomUUID();
  // random is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its variant and random tail, set version 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/**
 * `column in (values)`, planned on the column's index whatever the statistics
 * say. PostgreSQL plans an IN list from the table's statistics, and on a table
 * that has just grown (not analyzed yet) or whose partial index holds the dead
 * entries of a burst of updates it chose to scan every row matching the other
 * conditions: 4–5 ms to find 25 stores by domain among 40,000, 4 ms to mark
 * 100 events queued, growing with the table. An array from a subquery is
 * opaque to the planner, which then probes the index instead (0.2 ms).
 * On SQLite the values come as one JSON array (`json_each`), also probed on
 * the index. An IN list is a new SQL text for every number of values, parsed
 * and planned again whenever the statement cache has not seen that size (a
 * lookup of 20 subscriptions: 38 µs against 80–89 µs as an IN list), and it
 * stops at 32,766 parameters; the array takes any number.
 */
export function whereAnyOf(
  ctx: Pick<RepositoryContext, 'dialect'>,
  builder: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): Knex.QueryBuilder {
  if (ctx.dialect !== 'postgres') {
    return builder.whereRaw('?? in (select value from json_each(?))', [column, JSON.stringify(values)]);
  }
  return builder.whereRaw('?? = any(array(select unnest(cast(? as text[]))))', [column, [...values]]);
}

/**
 * DELETE … RETURNING `column` of the rows `builder` selects. knex answers a
 * SQLite delete with its count and drops the RETURNING, so on SQLite the
 * same statement goes as raw SQL, which answers its rows.
 */
export async function deleteReturning(
  ctx: Pick<RepositoryContext, 'knex' | 'dialect'>,
  builder: Knex.QueryBuilder,
  column: string,
): Promise<Row[]> {
  if (ctx.dialect === 'postgres') return (await builder.delete().returning(column)) as Row[];
  const { sql, bindings } = builder.delete().toSQL();
  return (await ctx.knex.raw(`${sql} returning ??`, [...bindings, column])) as Row[];
}

/**
 * A query by key as a named statement on PostgreSQL, planned once per
 * connection instead of at every call: planning `select * from stores where
 * id = $1` took 49 µs against 27 µs to run it, and a disconnect job makes a
 * dozen such queries. A lookup of many keys through `whereAnyOf` has one text
 * whatever their number, so it qualifies too. `name` stands for one SQL text,
 * so the query must not vary. A select names its `columns`: a prepared statement whose result gains
 * a column (a migration applied while this process runs) fails with "cached
 * plan must not change result type". SQLite keeps its statements prepared by
 * their text already.
 */
export function planOnce<T extends Knex.QueryBuilder>(
  ctx: Pick<RepositoryContext, 'dialect'>,
  builder: T,
  name: string,
  columns?: readonly string[],
): T {
  if (ctx.dialect !== 'postgres') return builder;
  return (columns ? builder.select([...columns]) : builder).options({ name }) as T;
}

/** Column names from one space-separated list. */
export const columnList = (names: string): readonly string[] => names.trim().split(/\s+/);

export function str(value: unknown): string {
  return String(value);
}

export function strOrNull(value: unknown): string | null {
  return value == null ? null : String(value);
}

/** Escapes LIKE wildcards so user search text matches literally (with `escape '\\'`). */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

type ColumnKind = 'value' | 'date' | 'bool' | 'json';
export type ColumnSpec<T> = { [K in keyof T]?: [column: string, kind: ColumnKind] };

/** Turns the defined fields of a domain patch into column values. */
export function toColumns<T extends object>(codec: Codec, spec: ColumnSpec<T>, patch: Partial<T>): Row {
  const columns: Row = {};
  for (const [key, value] of Object.entries(patch)) {
    const entry = spec[key as keyof T];
    if (entry === undefined || value === undefined) continue;
    const [column, kind] = entry;
    if (kind === 'date') columns[column] = codec.dateOrNull(value as Date | null);
    else if (kind === 'bool') columns[column] = codec.bool(value as boolean);
    else if (kind === 'json') columns[column] = codec.json(value);
    else columns[column] = value;
  }
  return columns;
}

/**
 * Rows per multi-row insert: knex writes one on SQLite as a compound SELECT,
 * and SQLite refuses one of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT).
 */
export const INSERT_ROWS_PER_STATEMENT = 500;

/**
 * INSERT … ON CONFLICT DO NOTHING, then read the row back by its unique key:
 * whoever's id is in the table won. Race-safe without catching errors, so it
 * also works inside a PostgreSQL transaction (a failed statement would abort it).
 */
export async function insertOnce(
  knex: RepositoryContext['knex'],
  table: string,
  row: Row & { id: string },
  uniqueKey: Row,
): Promise<{ inserted: boolean; row: Row }> {
  // RETURNING gives the new row in the same statement; only a conflict needs the second read.
  const inserted = (await knex(table)
    .insert(row)
    .onConflict(Object.keys(uniqueKey))
    .ignore()
    .returning('*')) as Row[];
  if (inserted[0]?.id === row.id) return { inserted: true, row: inserted[0] };
  const stored = (await knex(table).where(uniqueKey).first()) as Row | undefined;
  if (!stored) throw new Error(`The ${table} row vanished right after its insert.`);
  return { inserted: stored.id === row.id, row: stored };
}

/**
 * `insertOnce` for many rows unique on one text column: one INSERT … ON
 * CONFLICT DO NOTHING RETURNING per slice; the rows it returns are new, and
 * the others (written before, or earlier in this list) are read back by key
 * in one query. Answers, in order, each row as stored and whether it is this one.
 */
export async function insertManyOnce(
  ctx: Pick<RepositoryContext, 'knex' | 'dialect'>,
  table: string,
  rows: ReadonlyArray<Row & { id: string }>,
  uniqueColumn: string,
): Promise<Array<{ inserted: boolean; row: Row }>> {
  const results: Array<{ inserted: boolean; row: Row }> = [];
  for (let from = 0; from < rows.length; from += INSERT_ROWS_PER_STATEMENT) {
    const slice = rows.slice(from, from + INSERT_ROWS_PER_STATEMENT);
    const inserted = (await ctx
      .knex(table)
      .insert(slice)
      .onConflict([uniqueColumn])
      .ignore()
      .returning('*')) as Row[];
    const stored = new Map(inserted.map((row) => [str(row[uniqueColumn]), row]));
    const missing = [
      ...new Set(slice.map((row) => str(row[uniqueColumn])).filter((key) => !stored.has(key))),
    ];
    if (missing.length > 0) {
      for (const row of (await whereAnyOf(ctx, ctx.knex(table), uniqueColumn, missing)) as Row[]) {
        stored.set(str(row[uniqueColumn]), row);
      }
    }
    for (const row of slice) {
      const found = stored.get(str(row[uniqueColumn]));
      if (!found)
        throw new Error(`The ${table} row of key ${str(row[uniqueColumn])} vanished right after its insert.`);
      results.push({ inserted: found.id === row.id, row: found });
    }
  }
  return results;
}
