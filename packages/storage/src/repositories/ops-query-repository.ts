import type { OpsQueryRepository, Platform, StoreState, StoreSubscription } from '@dropship/core';
import { createSubscriptionRepository } from './subscription-repository';
import { storeFromRow } from './store-repository';
import { str } from './context';
import type { RepositoryContext, Row } from './context';

// A store that left but whose record is kept: disconnecting, disconnected, or later redacted.
const LEFT_STATES: readonly StoreState[] = ['disconnecting', 'disconnected', 'redacted'];
// The same rule as SubscriptionRepository.listStillBilledAfterDisconnect: a platform
// subscription in a billing status on a store that is leaving or gone.
const BILLING_STATUSES = ['trial', 'active', 'pending_cancellation'] as const;
const DISCONNECTED_STATES: readonly StoreState[] = ['disconnecting', 'disconnected'];

const count = (row: Row): number => Number(row.count);

export function createOpsQueryRepository(ctx: RepositoryContext): OpsQueryRepository {
  const { knex, codec } = ctx;
  const subscriptions = createSubscriptionRepository(ctx);

  const leftSince = (since: Date) =>
    knex('stores')
      .whereIn('state', [...LEFT_STATES])
      .whereNotNull('disconnected_at')
      .where('disconnected_at', '>=', codec.date(since));

  return {
    async countDisconnectsSince(since) {
      const rows = (await leftSince(since)
        .groupBy('platform', 'disconnect_source')
        .select('platform', 'disconnect_source')
        .count({ count: '*' })) as Row[];
      return rows.map((row) => ({
        platform: str(row.platform) as Platform,
        source: row.disconnect_source == null ? 'unknown' : str(row.disconnect_source),
        count: count(row),
      }));
    },
    async listDisconnectedStores({ since, limit }) {
      const rows = (await leftSince(since)
        .orderBy([
          { column: 'disconnected_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)) as Row[];
      return rows.map((row) => storeFromRow(codec, row));
    },
    async countStillBilledAfterDisconnect() {
      const row = (await knex('subscriptions')
        .join('stores', 'stores.id', 'subscriptions.store_id')
        .where('subscriptions.provider', 'platform')
        .whereIn('subscriptions.status', [...BILLING_STATUSES])
        .whereIn('stores.state', [...DISCONNECTED_STATES])
        .count({ count: '*' })
        .first()) as Row | undefined;
      return row ? count(row) : 0;
    },
    async listPendingCancellations(limit) {
      const rows = (await knex('subscriptions')
        .where('status', 'pending_cancellation')
        .orderBy([
          { column: 'current_period_end', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(limit)
        .select('id', 'store_id')) as Row[];
      const results: StoreSubscription[] = [];
      for (const row of rows) {
        const subscription = await subscriptions.findById(str(row.id));
        const storeRow = (await knex('stores')
          .where({ id: str(row.store_id) })
          .first()) as Row | undefined;
        if (subscription && storeRow) results.push({ store: storeFromRow(codec, storeRow), subscription });
      }
      return results;
    },
    async countCancellationsByReason() {
      const rows = (await knex('subscriptions')
        .whereNotNull('cancelled_at')
        .groupBy('provider', 'cancel_reason')
        .select('provider', 'cancel_reason')
        .count({ count: '*' })) as Row[];
      const merged = new Map<string, { provider: string; reason: string; count: number }>();
      for (const row of rows) {
        const reason = row.cancel_reason == null ? 'unknown' : str(row.cancel_reason);
        const key = `${str(row.provider)}\u0000${reason}`;
        const entry = merged.get(key) ?? { provider: str(row.provider), reason, count: 0 };
        entry.count += count(row);
        merged.set(key, entry);
      }
      return [...merged.values()];
    },
    async countLifecycleEvents() {
      const rows = (await knex('lifecycle_events')
        .groupBy('channel', 'source', 'outcome')
        .select('channel', 'source', 'outcome')
        .count({ count: '*' })) as Row[];
      return rows.map((row) => ({
        channel: str(row.channel),
        source: str(row.source),
        outcome: str(row.outcome),
        count: count(row),
      }));
    },
    async countStoresByState() {
      const rows = (await knex('stores')
        .groupBy('platform', 'state')
        .select('platform', 'state')
        .count({ count: '*' })) as Row[];
      return rows.map((row) => ({
        platform: str(row.platform) as Platform,
        state: str(row.state) as StoreState,
        count: count(row),
      }));
    },
  };
}
