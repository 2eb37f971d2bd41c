import type {
  DisconnectBillingLine,
  DisconnectReport,
  DisconnectReportRepository,
  PendingOrderSnapshot,
  SaveDisconnectReportParams,
  SaveDisconnectReportResult,
} from '@dropship/core';
import type { Codec } from '../codec';
import { columnList, insertManyOnce, newTimeOrderedId, planOnce, str, whereAnyOf } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'disconnect_reports';
/** The columns toReport reads. */
const REPORT_COLUMNS = columnList(`id store_id event_id source products_count pending_orders
  pending_orders_count billing generated_at`);

type StoredSnapshot = Omit<PendingOrderSnapshot, 'receivedAt'> & { receivedAt: string };
type StoredBilling = Record<string, unknown> & { kind: DisconnectBillingLine['kind'] };

function dateOrNull(value: unknown): Date | null {
  return typeof value === 'string' ? new Date(value) : null;
}

function readBilling(stored: StoredBilling): DisconnectBillingLine {
  switch (stored.kind) {
    case 'ended_by_shopify':
      return { kind: stored.kind, accessUntil: dateOrNull(stored.accessUntil) };
    case 'platform_still_active':
      return {
        kind: stored.kind,
        planName: str(stored.planName),
        currentPeriodEnd: dateOrNull(stored.currentPeriodEnd),
      };
    default:
      return { kind: 'none' };
  }
}

function toReport(codec: Codec, row: Row): DisconnectReport {
  const pending = (codec.readJson(row.pending_orders) ?? []) as StoredSnapshot[];
  return {
    id: str(row.id),
    storeId: str(row.store_id),
    eventId: str(row.event_id),
    source: str(row.source),
    productsCount: codec.readInt(row.products_count),
    pendingOrdersCount: codec.readInt(row.pending_orders_count),
    pendingOrders: pending.map((order) => ({ ...order, receivedAt: new Date(order.receivedAt) })),
    billing: readBilling((codec.readJson(row.billing) ?? { kind: 'none' }) as StoredBilling),
    generatedAt: codec.readDate(row.generated_at),
  };
}

export function createDisconnectReportRepository(ctx: RepositoryContext): DisconnectReportRepository {
  const { knex, codec } = ctx;

  const toRow = (params: SaveDisconnectReportParams) => ({
    id: newTimeOrderedId(),
    store_id: params.storeId,
    event_id: params.eventId,
    source: params.source,
    products_count: params.productsCount,
    pending_orders_count: params.pendingOrdersCount,
    // JSON.stringify writes the dates as ISO strings; toReport reads them back.
    pending_orders: codec.json(params.pendingOrders),
    billing: codec.json(params.billing),
    generated_at: codec.date(params.generatedAt),
  });

  const saveManyOnce = async (
    list: readonly SaveDisconnectReportParams[],
  ): Promise<SaveDisconnectReportResult[]> =>
    (await insertManyOnce(ctx, TABLE, list.map(toRow), 'event_id')).map(({ inserted, row }) => {
      const report = toReport(codec, row);
      return inserted ? { inserted: true, report } : { inserted: false, existing: report };
    });

  return {
    saveManyOnce,
    async saveOnce(params: SaveDisconnectReportParams) {
      const [result] = await saveManyOnce([params]);
      if (!result) throw new Error('Saving one disconnect report produced no result.');
      return result;
    },
    async findByEvent(eventId) {
      const byEvent = planOnce(
        ctx,
        knex(TABLE).where({ event_id: eventId }),
        'dropship_report_by_event',
        REPORT_COLUMNS,
      );
      const row = (await byEvent.first()) as Row | undefined;
      return row ? toReport(codec, row) : null;
    },
    async findByEvents(eventIds) {
      if (eventIds.length === 0) return [];
      const byEvents = whereAnyOf(ctx, knex(TABLE), 'event_id', [...new Set(eventIds)]);
      const rows = (await planOnce(ctx, byEvents, 'dropship_reports_by_events', REPORT_COLUMNS)) as Row[];
      return rows.map((row) => toReport(codec, row));
    },
    async findLatestByStore(storeId) {
      const row = (await knex(TABLE)
        .where({ store_id: storeId })
        .orderBy([
          { column: 'generated_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first()) as Row | undefined;
      return row ? toReport(codec, row) : null;
    },
  };
}
