import type {
  CompleteComplianceRequestParams,
  ComplianceRequest,
  ComplianceRequestRepository,
  ComplianceRequestStatus,
} from '@dropship/core';
import { ComplianceRequestStatuses } from '@dropship/core';
import { insertOnce, newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'compliance_requests';

export function createComplianceRequestRepository(ctx: RepositoryContext): ComplianceRequestRepository {
  const { knex, codec } = ctx;

  const toRequest = (row: Row): ComplianceRequest => ({
    id: str(row.id),
    shop: str(row.shop),
    topic: str(row.topic),
    webhookId: str(row.webhook_id),
    storeId: strOrNull(row.store_id),
    payload: codec.readJson(row.payload),
    status: str(row.status) as ComplianceRequestStatus,
    result: row.result == null ? null : codec.readJson(row.result),
    eventId: strOrNull(row.event_id),
    receivedAt: codec.readDate(row.received_at),
    completedAt: codec.readDateOrNull(row.completed_at),
  });

  const completion = (params: CompleteComplianceRequestParams): Row => ({
    status: ComplianceRequestStatuses.completed,
    completed_at: codec.date(params.at),
    result: codec.json(params.result),
    ...(params.payload !== undefined ? { payload: codec.json(params.payload) } : {}),
  });

  const findOne = async (where: Row): Promise<ComplianceRequest | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toRequest(row) : null;
  };

  return {
    async recordOnce(params) {
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
          shop: params.shop,
          topic: params.topic,
          webhook_id: params.webhookId,
          store_id: params.storeId,
          payload: codec.json(params.payload),
          status: ComplianceRequestStatuses.received,
          result: null,
          event_id: null,
          received_at: codec.date(params.receivedAt),
          completed_at: null,
        },
        { webhook_id: params.webhookId },
      );
      const request = toRequest(row);
      return inserted ? { inserted: true, request } : { inserted: false, existing: request };
    },
    findById: (id) => findOne({ id }),
    findByWebhookId: (webhookId) => findOne({ webhook_id: webhookId }),
    async setEvent(id, eventId) {
      return (await knex(TABLE).where({ id }).update({ event_id: eventId })) > 0;
    },
    async complete(id, params) {
      return (
        (await knex(TABLE)
          .where({ id, status: ComplianceRequestStatuses.received })
          .update(completion(params))) > 0
      );
    },
    async completeByEvent(eventId, params) {
      return knex(TABLE)
        .where({ event_id: eventId, status: ComplianceRequestStatuses.received })
        .update(completion(params));
    },
    async listByShop(shop, limit = 100) {
      const rows = (await knex(TABLE)
        .where({ shop })
        .orderBy([
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)) as Row[];
      return rows.map(toRequest);
    },
  };
}
