import type { Knex } from 'knex';
import type { Migration } from './columns';

/*
 * Both indexes serve questions about some stores only: the heartbeat sweep
 * reads connected stores, the lifecycle view disconnected ones. As full
 * indexes, every disconnect moved the store's entry in the first (its state
 * is in the key) and took it out of the NULL run of the second: two random
 * pages more per event on SQLite's WAL (7.2 -> 5.5 pages per event in
 * batches of ten) and one index insertion more on PostgreSQL, where the
 * update is never HOT. Partial, the heartbeat index only loses the store and
 * the disconnect index only gains it, at its right edge.
 * Queries must state the predicates as literals (SQLite proves an index's
 * predicate from the query's text, not from bound values).
 */
async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stores', (t) => {
    t.dropIndex(['platform', 'state', 'heartbeat_at'], 'stores_heartbeat_idx');
    t.dropIndex(['disconnected_at'], 'stores_disconnected_at_idx');
  });
  await knex.schema.alterTable('stores', (t) => {
    t.index(['platform', 'heartbeat_at'], 'stores_heartbeat_idx', {
      predicate: knex.whereRaw("state = 'connected'"),
    });
    t.index(['disconnected_at'], 'stores_disconnected_at_idx', {
      predicate: knex.whereNotNull('disconnected_at'),
    });
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stores', (t) => {
    t.dropIndex(['platform', 'heartbeat_at'], 'stores_heartbeat_idx');
    t.dropIndex(['disconnected_at'], 'stores_disconnected_at_idx');
  });
  await knex.schema.alterTable('stores', (t) => {
    t.index(['platform', 'state', 'heartbeat_at'], 'stores_heartbeat_idx');
    t.index(['disconnected_at'], 'stores_disconnected_at_idx');
  });
}

export const partialStoreIndexes: Migration = { name: '012-partial-store-indexes', up, down };
