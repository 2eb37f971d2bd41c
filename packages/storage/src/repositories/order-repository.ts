import type { OrderRecord, OrderRepository, SaveOrderParams } from '@dropship/core';
import { columnList, insertOnce, newId, planOnce, str, whereAnyOf } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'orders';
/** The columns toOrder reads. */
const ORDER_COLUMNS = columnList(
  'id store_id platform_order_id status contains_platform_products payload received_at updated_at',
);

export function createOrderRepository(ctx: RepositoryContext): OrderRepository {
  const { knex, codec } = ctx;

  const toOrder = (row: Row): OrderRecord => ({
    id: str(row.id),
    storeId: str(row.store_id),
    platformOrderId: str(row.platform_order_id),
    status: str(row.status),
    containsPlatformProducts: codec.readBool(row.contains_platform_products),
    payload: codec.readJson(row.payload),
    receivedAt: codec.readDate(row.received_at),
    updatedAt: codec.readDate(row.updated_at),
  });

  const findOne = async (where: Row): Promise<OrderRecord | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toOrder(row) : null;
  };

  return {
    async saveOnce(params: SaveOrderParams) {
      const now = new Date();
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
          store_id: params.storeId,
          platform_order_id: params.platformOrderId,
          status: params.status ?? 'pending',
          contains_platform_products: codec.bool(params.containsPlatformProducts),
          payload: codec.json(params.payload),
          received_at: codec.date(params.receivedAt ?? now),
          updated_at: codec.date(now),
        },
        { store_id: params.storeId, platform_order_id: params.platformOrderId },
      );
      const order = toOrder(row);
      return inserted ? { inserted: true, order } : { inserted: false, existing: order };
    },
    findById: (id) => findOne({ id }),
    findByPlatformId: (storeId, platformOrderId) =>
      findOne({ store_id: storeId, platform_order_id: platformOrderId }),
    async setStatus(id, status) {
      return (
        (await knex(TABLE)
          .where({ id })
          .update({ status, updated_at: codec.date(new Date()) })) > 0
      );
    },
    async listByStatus(storeId, status, limit) {
      const oldestFirst = knex(TABLE)
        .where({ store_id: storeId, status })
        .orderBy(['received_at', 'id'])
        .limit(limit);
      const rows = (await planOnce(ctx, oldestFirst, 'dropship_orders_by_status', ORDER_COLUMNS)) as Row[];
      return rows.map(toOrder);
    },
    async setStatusIf(id, expectedStatus, status) {
      return (
        (await knex(TABLE)
          .where({ id, status: expectedStatus })
          .update({ status, updated_at: codec.date(new Date()) })) > 0
      );
    },
    async redactByStore(storeId) {
      return knex(TABLE)
        .where({ store_id: storeId })
        .whereNotNull('payload')
        .update({ payload: null, updated_at: codec.date(new Date()) });
    },
    async redactByPlatformIds(storeId, platformOrderIds) {
      if (platformOrderIds.length === 0) return 0;
      return knex(TABLE)
        .where({ store_id: storeId })
        .whereIn('platform_order_id', [...platformOrderIds])
        .whereNotNull('payload')
        .update({ payload: null, updated_at: codec.date(new Date()) });
    },
    async countByStatus(storeId, status) {
      const count = knex(TABLE).where({ store_id: storeId, status }).count({ count: '*' });
      const row = (await planOnce(ctx, count, 'dropship_orders_count_by_status').first()) as Row | undefined;
      return codec.readInt(row?.count ?? 0);
    },
    async countByStatusForStores(storeIds, status) {
      if (storeIds.length === 0) return [];
      const byStores = whereAnyOf(ctx, knex(TABLE), 'store_id', [...new Set(storeIds)])
        .where({ status })
        .groupBy('store_id')
        .select('store_id', knex.raw('count(*) as count'));
      const rows = (await planOnce(ctx, byStores, 'dropship_orders_count_by_status_for_stores')) as Row[];
      return rows.map((row) => ({ storeId: str(row.store_id), count: codec.readInt(row.count) }));
    },
  };
}
