import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
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

/**
 * Rows per slice of a SQLite count that reads a whole table. better-sqlite3
 * runs each statement on the event loop, and counting every lifecycle event
 * in one statement held it about 1 ms per 1,000 events (400 ms at 400,000
 * events, at every scrape). A slice of 4,000 rowids takes about 4 ms.
 */
export const SQLITE_COUNT_SLICE_ROWS = 4_000;

export function createOpsQueryRepository(ctx: RepositoryContext): OpsQueryRepository {
  const { knex, codec } = ctx;
  const subscriptions = createSubscriptionRepository(ctx);

  /**
   * `select columns, count(*) from table group by columns`, the rows passing
   * `filter` only. PostgreSQL counts in one statement, off the event loop. On
   * SQLite the count goes by slices of rowids, handing the event loop back
   * between slices: each row is counted once, as it was when its slice was
   * read, and rows added after the count began are left for the next one.
   */
  async function countGrouped(
    table: string,
    columns: readonly string[],
    filter: (builder: Knex.QueryBuilder) => Knex.QueryBuilder = (builder) => builder,
  ): Promise<Row[]> {
    const grouped = (builder: Knex.QueryBuilder) =>
      filter(builder)
        .groupBy([...columns])
        .select([...columns])
        .count({ count: '*' });
    if (ctx.dialect === 'postgres') return (await grouped(knex(table))) as Row[];
    const last = (await knex(table).max({ last: 'rowid' }).first()) as Row | undefined;
    const lastRowid = Number(last?.last ?? 0);
    const totals = new Map<string, Row>();
    for (let after = 0; after < lastRowid; after += SQLITE_COUNT_SLICE_ROWS) {
      if (after > 0) await yieldToEventLoop();
      const slice = (await grouped(
        knex(table)
          .where('rowid', '>', after)
          .andWhere('rowid', '<=', after + SQLITE_COUNT_SLICE_ROWS),
      )) as Row[];
      for (const row of slice) {
        const key = JSON.stringify(columns.map((column) => row[column]));
        const total = totals.get(key);
        if (total) total.count = count(total) + count(row);
        else totals.set(key, { ...row, count: count(row) });
      }
    }
    return [...totals.values()];
  }

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
      const rows = await countGrouped('subscriptions', ['provider', 'cancel_reason'], (builder) =>
        builder.whereNotNull('cancelled_at'),
      );
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
      const rows = await countGrouped('lifecycle_events', ['channel', 'source', 'outcome']);
      return rows.map((row) => ({
        channel: str(row.channel),
        source: str(row.source),
        outcome: str(row.outcome),
        count: count(row),
      }));
    },
    async countStoresByState() {
      const rows = await countGrouped('stores', ['platform', 'state']);
      return rows.map((row) => ({
        platform: str(row.platform) as Platform,
        state: str(row.state) as StoreState,
        count: count(row),
      }));
    },
  };
}
