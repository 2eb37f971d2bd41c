import type { Knex } from 'knex';

/** Column helpers that pick the storage type of a dialect (see codec.ts). */
export interface ColumnHelpers {
  timestamp(table: Knex.TableBuilder, name: string): Knex.ColumnBuilder;
  json(table: Knex.TableBuilder, name: string): Knex.ColumnBuilder;
  id(table: Knex.TableBuilder, name?: string): Knex.ColumnBuilder;
}

export function isSqlite(knex: Knex): boolean {
  const client = knex.client.config.client as unknown;
  return client === 'better-sqlite3' || client === 'sqlite3';
}

export function columnHelpers(knex: Knex): ColumnHelpers {
  const sqlite = isSqlite(knex);
  return {
    timestamp: (table, name) =>
      sqlite ? table.bigInteger(name) : table.timestamp(name, { useTz: true, precision: 3 }),
    json: (table, name) => (sqlite ? table.text(name) : table.jsonb(name)),
    id: (table, name = 'id') => table.string(name, 36).primary(),
  };
}

/** A named, ordered schema change. */
export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}
