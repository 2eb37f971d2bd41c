import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

/*
 * Recovery no longer needs a "queued" mark on each event: it re-queues every
 * event still pending after a grace period whose job Redis does not hold, and
 * job ids derived from the event make that safe. The mark was a second write
 * of each 2 KB event row (with all its index entries) for every webhook.
 */
async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lifecycle_events', (t) => {
    t.dropIndex(['received_at'], 'lifecycle_events_unenqueued_idx');
  });
  // SQLite's own DROP COLUMN (3.35+), not knex's rebuild of the table: no copy of
  // every event, and the foreign keys and indexes stay as they are.
  await knex.raw('alter table lifecycle_events drop column enqueued_at');
  // The recovery sweep pages through pending events in (received_at, id) order; the worker's
  // outcome takes an event out, so the index holds only the queue's backlog.
  await knex.schema.alterTable('lifecycle_events', (t) => {
    t.index(['received_at', 'id'], 'lifecycle_events_pending_idx', {
      predicate: knex.whereRaw("outcome = 'pending'"),
    });
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lifecycle_events', (t) => {
    t.dropIndex(['received_at', 'id'], 'lifecycle_events_pending_idx');
  });
  const c = columnHelpers(knex);
  await knex.schema.alterTable('lifecycle_events', (t) => {
    c.timestamp(t, 'enqueued_at').nullable();
  });
  await knex.schema.alterTable('lifecycle_events', (t) => {
    t.index(['received_at'], 'lifecycle_events_unenqueued_idx', { predicate: knex.whereNull('enqueued_at') });
  });
}

export const pendingEvents: Migration = { name: '010-pending-events', up, down };
