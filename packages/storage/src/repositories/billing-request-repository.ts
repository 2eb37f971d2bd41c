import type {
  BillingRequest,
  BillingRequestKind,
  BillingRequestRepository,
  BillingRequestStatus,
} from '@dropship/core';
import { insertOnce, newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'billing_requests';

export function createBillingRequestRepository(ctx: RepositoryContext): BillingRequestRepository {
  const { knex, codec } = ctx;

  const toRequest = (row: Row): BillingRequest => ({
    id: str(row.id),
    kind: str(row.kind) as BillingRequestKind,
    idempotencyKey: str(row.idempotency_key),
    accountId: strOrNull(row.account_id),
    subscriptionId: str(row.subscription_id),
    invoiceNumber: strOrNull(row.invoice_number),
    status: str(row.status) as BillingRequestStatus,
    message: str(row.message),
    requestedBy: str(row.requested_by),
    createdAt: codec.readDate(row.created_at),
  });

  return {
    async createOnce(params) {
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
          kind: params.kind,
          idempotency_key: params.idempotencyKey,
          account_id: params.accountId,
          subscription_id: params.subscriptionId,
          invoice_number: params.invoiceNumber,
          status: 'open',
          message: params.message,
          requested_by: params.requestedBy,
          created_at: codec.date(params.createdAt),
        },
        { idempotency_key: params.idempotencyKey },
      );
      const request = toRequest(row);
      return inserted ? { inserted: true, request } : { inserted: false, existing: request };
    },
    async findById(id) {
      const row = (await knex(TABLE).where({ id }).first()) as Row | undefined;
      return row ? toRequest(row) : null;
    },
    async listBySubscription(subscriptionId) {
      const rows = (await knex(TABLE)
        .where({ subscription_id: subscriptionId })
        .orderBy(['created_at', 'id'])) as Row[];
      return rows.map(toRequest);
    },
    async listByStatus(status, limit) {
      const rows = (await knex(TABLE).where({ status }).orderBy(['created_at', 'id']).limit(limit)) as Row[];
      return rows.map(toRequest);
    },
    async setStatus(id, status) {
      return (await knex(TABLE).where({ id }).update({ status })) > 0;
    },
  };
}
