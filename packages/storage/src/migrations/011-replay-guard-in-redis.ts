import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

/*
 * The bridge's replay guard keeps its event ids in Redis now, with the window
 * as their expiry (createRedisReplayGuard). A server of the previous release
 * still running while this applies answers its bridge requests 503 until it is
 * replaced; the plugin retries those.
 */
async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('bridge_nonces');
}

async function down(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);
  await knex.schema.createTable('bridge_nonces', (t) => {
    t.string('site_id', 64).notNullable();
    t.string('event_id', 64).notNullable();
    c.timestamp(t, 'received_at').notNullable();
    t.primary(['site_id', 'event_id'], 'bridge_nonces_pk');
    t.index(['received_at'], 'bridge_nonces_received_idx');
  });
}

export const replayGuardInRedis: Migration = { name: '011-replay-guard-in-redis', up, down };
