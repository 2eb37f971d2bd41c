import type {
  CreateInvoiceParams,
  Invoice,
  InvoicePatch,
  InvoiceRepository,
  InvoiceStatus,
} from '@dropship/core';
import { newId, str, strOrNull, toColumns } from './context';
import type { ColumnSpec, RepositoryContext, Row } from './context';

const TABLE = 'invoices';
const SEQUENCES = 'number_sequences';
const INVOICE_SEQUENCE = 'invoice';

const PATCH_COLUMNS: ColumnSpec<InvoicePatch> = {
  status: ['status', 'value'],
  paidAt: ['paid_at', 'date'],
  voidedAt: ['voided_at', 'date'],
  accountId: ['account_id', 'value'],
};

export function formatInvoiceNumber(value: number): string {
  return `INV-${String(value).padStart(6, '0')}`;
}

export function createInvoiceRepository(ctx: RepositoryContext): InvoiceRepository {
  const { knex, codec } = ctx;

  const toInvoice = (row: Row): Invoice => ({
    id: str(row.id),
    number: str(row.number),
    subscriptionId: str(row.subscription_id),
    accountId: strOrNull(row.account_id),
    status: str(row.status) as InvoiceStatus,
    amountMinor: codec.readInt(row.amount_minor),
    currency: str(row.currency),
    periodStart: codec.readDate(row.period_start),
    periodEnd: codec.readDate(row.period_end),
    issuedAt: codec.readDate(row.issued_at),
    paidAt: codec.readDateOrNull(row.paid_at),
    voidedAt: codec.readDateOrNull(row.voided_at),
  });

  const findOne = async (where: Row): Promise<Invoice | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toInvoice(row) : null;
  };

  // The row lock taken by UPDATE serialises concurrent allocations in both dialects.
  const allocateNumber = async (): Promise<string> => {
    await knex(SEQUENCES).insert({ name: INVOICE_SEQUENCE, last_value: 0 }).onConflict('name').ignore();
    const rows = (await knex(SEQUENCES)
      .where({ name: INVOICE_SEQUENCE })
      .increment('last_value', 1)
      .returning('last_value')) as Array<{ last_value: unknown }>;
    const value = rows[0]?.last_value;
    if (value === undefined) throw new Error('The invoice number sequence returned no value.');
    return formatInvoiceNumber(codec.readInt(value));
  };

  return {
    allocateNumber,
    async create(params: CreateInvoiceParams) {
      const invoice: Invoice = {
        id: newId(),
        number: params.number ?? (await allocateNumber()),
        subscriptionId: params.subscriptionId,
        accountId: params.accountId ?? null,
        status: params.status,
        amountMinor: params.amountMinor,
        currency: params.currency,
        periodStart: params.periodStart,
        periodEnd: params.periodEnd,
        issuedAt: params.issuedAt ?? new Date(),
        paidAt: null,
        voidedAt: null,
      };
      await knex(TABLE).insert({
        id: invoice.id,
        number: invoice.number,
        subscription_id: invoice.subscriptionId,
        account_id: invoice.accountId,
        status: invoice.status,
        amount_minor: invoice.amountMinor,
        currency: invoice.currency,
        period_start: codec.date(invoice.periodStart),
        period_end: codec.date(invoice.periodEnd),
        issued_at: codec.date(invoice.issuedAt),
      });
      return invoice;
    },
    findById: (id) => findOne({ id }),
    findByNumber: (number) => findOne({ number }),
    async listBySubscription(subscriptionId) {
      const rows = (await knex(TABLE)
        .where({ subscription_id: subscriptionId })
        .orderBy(['issued_at', 'id'])) as Row[];
      return rows.map(toInvoice);
    },
    async listByStatus(subscriptionId, status) {
      const rows = (await knex(TABLE)
        .where({ subscription_id: subscriptionId, status })
        .orderBy(['issued_at', 'id'])) as Row[];
      return rows.map(toInvoice);
    },
    async countByAccount(accountId) {
      const row = (await knex(TABLE).where({ account_id: accountId }).count({ count: '*' }).first()) as
        Row | undefined;
      return codec.readInt(row?.count ?? 0);
    },
    async updateIf(id, expectedStatus, patch) {
      const changes = toColumns(codec, PATCH_COLUMNS, patch);
      if (Object.keys(changes).length === 0) return false;
      return (await knex(TABLE).where({ id, status: expectedStatus }).update(changes)) > 0;
    },
  };
}
