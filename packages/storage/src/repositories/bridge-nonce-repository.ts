import type { BridgeNonceRepository } from '@dropship/core';
import type { RepositoryContext } from './context';

const TABLE = 'bridge_nonces';

export function createBridgeNonceRepository(ctx: RepositoryContext): BridgeNonceRepository {
  const { knex, codec } = ctx;
  return {
    async remember(siteId, eventId, receivedAt) {
      // ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable, unlike a caught unique violation.
      const result: unknown = await knex(TABLE)
        .insert({ site_id: siteId, event_id: eventId, received_at: codec.date(receivedAt) })
        .onConflict(['site_id', 'event_id'])
        .ignore()
        .returning('event_id');
      return Array.isArray(result) ? result.length > 0 : Boolean(result);
    },
    async pruneOlderThan(before) {
      return knex(TABLE).where('received_at', '<', codec.date(before)).delete();
    },
  };
}
