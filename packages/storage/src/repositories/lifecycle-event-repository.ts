import type {
  LifecycleEvent,
  LifecycleEventRepository,
  RecordLifecycleEventParams,
  RecordLifecycleEventResult,
} from '@dropship/core';
import { newTimeOrderedId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'lifecycle_events';

export function createLifecycleEventRepository(ctx: RepositoryContext): LifecycleEventRepository {
  const { knex, codec } = ctx;

  const toEvent = (row: Row): LifecycleEvent => ({
    id: str(row.id),
    channel: str(row.channel),
    deliveryId: str(row.delivery_id),
    storeId: strOrNull(row.store_id),
    source: str(row.source),
    topic: str(row.topic),
    triggeredAt: codec.readDateOrNull(row.triggered_at),
    receivedAt: codec.readDate(row.received_at),
    payload: codec.readJson(row.payload),
    outcome: str(row.outcome),
    outcomeReason: strOrNull(row.outcome_reason),
    enqueuedAt: codec.readDateOrNull(row.enqueued_at),
    correlationId: strOrNull(row.correlation_id),
  });

  const findOne = async (where: Row): Promise<LifecycleEvent | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toEvent(row) : null;
  };

  const toRow = (params: RecordLifecycleEventParams): Row & { id: string } => ({
    id: newTimeOrderedId(),
    channel: params.channel,
    delivery_id: params.deliveryId,
    store_id: params.storeId ?? null,
    source: params.source,
    topic: params.topic,
    triggered_at: codec.dateOrNull(params.triggeredAt),
    received_at: codec.date(params.receivedAt ?? new Date()),
    payload: codec.json(params.payload),
    outcome: params.outcome ?? 'pending',
    outcome_reason: params.outcomeReason ?? null,
    enqueued_at: null,
    correlation_id: params.correlationId ?? null,
  });

  const deliveryKey = (row: Row): string => `${str(row.channel)}\u0000${str(row.delivery_id)}`;

  /** The stored rows of these deliveries, by delivery key: one query per channel present. */
  const findDeliveries = async (rows: readonly Row[]): Promise<Map<string, Row>> => {
    const byChannel = new Map<string, string[]>();
    for (const row of rows) {
      const ids = byChannel.get(str(row.channel)) ?? [];
      ids.push(str(row.delivery_id));
      byChannel.set(str(row.channel), ids);
    }
    const stored = (await knex(TABLE).where((where) => {
      for (const [channel, ids] of byChannel) {
        where.orWhere((one) => one.where({ channel }).whereIn('delivery_id', ids));
      }
    })) as Row[];
    return new Map(stored.map((row) => [deliveryKey(row), row]));
  };

  /**
   * One INSERT … ON CONFLICT DO NOTHING RETURNING for the whole list: the rows
   * it returns are new; the others (recorded before, or earlier in this list)
   * are read back by their delivery key. Race-safe without catching errors, so
   * it also runs inside a PostgreSQL transaction.
   */
  const recordMany = async (
    list: readonly RecordLifecycleEventParams[],
  ): Promise<RecordLifecycleEventResult[]> => {
    if (list.length === 0) return [];
    const rows = list.map(toRow);
    const inserted = (await knex(TABLE)
      .insert(rows)
      .onConflict(['channel', 'delivery_id'])
      .ignore()
      .returning('*')) as Row[];
    const insertedById = new Map(inserted.map((row) => [str(row.id), row]));
    const missing = rows.filter((row) => !insertedById.has(row.id));
    const existing = missing.length > 0 ? await findDeliveries(missing) : new Map<string, Row>();
    return rows.map((row): RecordLifecycleEventResult => {
      const mine = insertedById.get(row.id);
      if (mine) return { inserted: true, event: toEvent(mine) };
      const stored = existing.get(deliveryKey(row));
      if (!stored)
        throw new Error(
          `The ${TABLE} row of delivery ${str(row.delivery_id)} vanished right after its insert.`,
        );
      return { inserted: false, existing: toEvent(stored) };
    });
  };

  return {
    async record(params: RecordLifecycleEventParams) {
      const [result] = await recordMany([params]);
      if (!result) throw new Error('Recording one lifecycle event produced no result.');
      return result;
    },
    recordMany,
    findById: (id) => findOne({ id }),
    findByDelivery: (channel, deliveryId) => findOne({ channel, delivery_id: deliveryId }),
    async markEnqueued(id, at) {
      return (
        (await knex(TABLE)
          .where({ id })
          .update({ enqueued_at: codec.date(at) })) > 0
      );
    },
    async markManyEnqueued(ids, at) {
      if (ids.length === 0) return 0;
      return knex(TABLE)
        .whereIn('id', [...ids])
        .whereNull('enqueued_at')
        .update({ enqueued_at: codec.date(at) });
    },
    async listUnenqueued(limit) {
      const rows = (await knex(TABLE)
        .whereNull('enqueued_at')
        .where({ outcome: 'pending' })
        .orderBy(['received_at', 'id'])
        .limit(limit)) as Row[];
      return rows.map(toEvent);
    },
    async setOutcome(id, outcome, reason) {
      return (await knex(TABLE).where({ id }).update({ outcome, outcome_reason: reason })) > 0;
    },
    async list(params) {
      const builder = knex(TABLE);
      if (params.storeId !== undefined) builder.where({ store_id: params.storeId });
      if (params.outcome !== undefined) builder.where({ outcome: params.outcome });
      if (params.before !== undefined) builder.where('received_at', '<', codec.date(params.before));
      const rows = (await builder
        .orderBy([
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(params.limit)) as Row[];
      return rows.map(toEvent);
    },
  };
}
