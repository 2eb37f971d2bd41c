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
    async rememberMany(items) {
      if (items.length === 0) return [];
      const key = (siteId: unknown, eventId: unknown) => `${String(siteId)}\u0000${String(eventId)}`;
      const rows = (await knex(TABLE)
        .insert(
          items.map((item) => ({
            site_id: item.siteId,
            event_id: item.eventId,
            received_at: codec.date(item.receivedAt),
          })),
        )
        .onConflict(['site_id', 'event_id'])
        .ignore()
        .returning(['site_id', 'event_id'])) as Array<{ site_id: unknown; event_id: unknown }>;
      // Each inserted pair answers true once: a second copy in the same list is a replay.
      const fresh = new Set(rows.map((row) => key(row.site_id, row.event_id)));
      return items.map((item) => fresh.delete(key(item.siteId, item.eventId)));
    },
    async pruneOlderThan(before) {
      return knex(TABLE).where('received_at', '<', codec.date(before)).delete();
    },
  };
}
