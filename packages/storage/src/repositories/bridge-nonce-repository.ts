import type { BridgeNonce, BridgeNonceRepository } from '@dropship/core';
import type { RepositoryContext } from './context';

const TABLE = 'bridge_nonces';

type NonceRow = { site_id: unknown; event_id: unknown };

/**
 * The replay guard of a batch of bridge requests on PostgreSQL: one text
 * whatever the batch size (the pairs as arrays), so it runs as a named
 * statement planned once per connection; a multi-row VALUES list is a new
 * text, planned again, for every size of batch.
 */
const REMEMBER_STATEMENT = `
insert into bridge_nonces (site_id, event_id, received_at)
select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]))
on conflict (site_id, event_id) do nothing
returning site_id, event_id`;

export function createBridgeNonceRepository(ctx: RepositoryContext): BridgeNonceRepository {
  const { knex, codec } = ctx;

  /** The pairs the insert kept: those not remembered before. */
  const insertNew = async (items: readonly BridgeNonce[]): Promise<NonceRow[]> => {
    if (ctx.dialect === 'postgres') {
      const bindings = [
        items.map((item) => item.siteId),
        items.map((item) => item.eventId),
        items.map((item) => item.receivedAt),
      ];
      const result = (await knex
        .raw(REMEMBER_STATEMENT, bindings)
        .options({ name: 'dropship_bridge_nonces_remember' })) as { rows: NonceRow[] };
      return result.rows;
    }
    return (await knex(TABLE)
      .insert(
        items.map((item) => ({
          site_id: item.siteId,
          event_id: item.eventId,
          received_at: codec.date(item.receivedAt),
        })),
      )
      .onConflict(['site_id', 'event_id'])
      .ignore()
      .returning(['site_id', 'event_id'])) as NonceRow[];
  };

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
      const rows = await insertNew(items);
      // Each inserted pair answers true once: a second copy in the same list is a replay.
      const fresh = new Set(rows.map((row) => key(row.site_id, row.event_id)));
      return items.map((item) => fresh.delete(key(item.siteId, item.eventId)));
    },
    async pruneOlderThan(before) {
      return knex(TABLE).where('received_at', '<', codec.date(before)).delete();
    },
  };
}
