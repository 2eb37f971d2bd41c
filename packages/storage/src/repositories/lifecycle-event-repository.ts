import type { LifecycleEvent, LifecycleEventRepository, RecordLifecycleEventParams } from '@dropship/core';
import { insertOnce, newId, str, strOrNull } from './context';
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

  return {
    async record(params: RecordLifecycleEventParams) {
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
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
        },
        { channel: params.channel, delivery_id: params.deliveryId },
      );
      const event = toEvent(row);
      return inserted ? { inserted: true, event } : { inserted: false, existing: event };
    },
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
