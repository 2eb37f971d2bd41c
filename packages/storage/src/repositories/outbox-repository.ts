import type {
  EnqueueOutboxParams,
  EnqueueOutboxResult,
  ListOutboxParams,
  OutboxMessage,
  OutboxRepository,
  OutboxStatus,
} from '@dropship/core';
import { insertManyOnce, newTimeOrderedId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'outbox_messages';

export function createOutboxRepository(ctx: RepositoryContext): OutboxRepository {
  const { knex, codec } = ctx;

  const toMessage = (row: Row): OutboxMessage => ({
    id: str(row.id),
    idempotencyKey: str(row.idempotency_key),
    to: str(row.to_address),
    subject: str(row.subject),
    text: str(row.text_body),
    html: strOrNull(row.html_body),
    tags: (codec.readJson(row.tags) ?? []) as string[],
    status: str(row.status) as OutboxStatus,
    attempts: codec.readInt(row.attempts),
    error: strOrNull(row.error),
    createdAt: codec.readDate(row.created_at),
    sentAt: codec.readDateOrNull(row.sent_at),
    transportId: strOrNull(row.transport_id),
  });

  const toRow = (params: EnqueueOutboxParams) => ({
    id: newTimeOrderedId(),
    idempotency_key: params.idempotencyKey,
    to_address: params.to,
    subject: params.subject,
    text_body: params.text,
    html_body: params.html ?? null,
    tags: codec.json(params.tags),
    status: 'queued',
    attempts: 0,
    error: null,
    transport_id: null,
    created_at: codec.date(params.createdAt ?? new Date()),
    sent_at: null,
  });

  const findOne = async (where: Row): Promise<OutboxMessage | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toMessage(row) : null;
  };

  const enqueueManyOnce = async (list: readonly EnqueueOutboxParams[]): Promise<EnqueueOutboxResult[]> =>
    (await insertManyOnce(ctx, TABLE, list.map(toRow), 'idempotency_key')).map(({ inserted, row }) =>
      inserted ? { inserted: true, message: toMessage(row) } : { inserted: false, existing: toMessage(row) },
    );

  return {
    async enqueueOnce(params: EnqueueOutboxParams) {
      const [result] = await enqueueManyOnce([params]);
      if (!result) throw new Error('Writing one outbox message produced no result.');
      return result;
    },
    enqueueManyOnce,
    findById: (id) => findOne({ id }),
    findByKey: (idempotencyKey) => findOne({ idempotency_key: idempotencyKey }),
    async list(params: ListOutboxParams) {
      const builder = knex(TABLE);
      if (params.status) builder.where({ status: params.status });
      if (params.to) builder.where({ to_address: params.to });
      // Tags are a short JSON array of plain words: a quoted substring match is exact.
      if (params.tag)
        builder.whereRaw('cast(?? as text) like ?', ['tags', `%${JSON.stringify(params.tag)}%`]);
      const rows = (await builder.orderBy(['created_at', 'id']).limit(params.limit)) as Row[];
      return rows.map(toMessage);
    },
    async markSent(id, at, transportId) {
      const count = await knex(TABLE)
        .where({ id })
        .whereNot({ status: 'sent' })
        .update({
          status: 'sent',
          sent_at: codec.date(at),
          transport_id: transportId,
          error: null,
          attempts: knex.raw('attempts + 1'),
        });
      return count > 0;
    },
    async markAttemptFailed(id, error, final) {
      const count = await knex(TABLE)
        .where({ id })
        .whereNot({ status: 'sent' })
        .update({ status: final ? 'failed' : 'queued', error, attempts: knex.raw('attempts + 1') });
      return count > 0;
    },
  };
}
