import type {
  CreateSupplierOrderParams,
  SupplierOrderPatch,
  SupplierOrderRecord,
  SupplierOrderRepository,
} from '@dropship/core';
import { columnList, insertOnce, newId, planOnce, str, strOrNull, toColumns } from './context';
import type { ColumnSpec, RepositoryContext, Row } from './context';

const TABLE = 'supplier_orders';
/** The columns toRecord reads. */
const SUPPLIER_ORDER_COLUMNS = columnList(
  'id store_id platform_order_id supplier_order_id lines status created_at updated_at',
);

const PATCH_COLUMNS: ColumnSpec<SupplierOrderPatch> = {
  supplierOrderId: ['supplier_order_id', 'value'],
  status: ['status', 'value'],
};

export function createSupplierOrderRepository(ctx: RepositoryContext): SupplierOrderRepository {
  const { knex, codec } = ctx;

  const toRecord = (row: Row): SupplierOrderRecord => ({
    id: str(row.id),
    storeId: str(row.store_id),
    platformOrderId: str(row.platform_order_id),
    supplierOrderId: strOrNull(row.supplier_order_id),
    lines: (codec.readJson(row.lines) ?? []) as unknown[],
    status: str(row.status),
    createdAt: codec.readDate(row.created_at),
    updatedAt: codec.readDate(row.updated_at),
  });

  const findOne = async (where: Row): Promise<SupplierOrderRecord | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toRecord(row) : null;
  };

  return {
    async createOnce(params: CreateSupplierOrderParams) {
      const now = codec.date(new Date());
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
          store_id: params.storeId,
          platform_order_id: params.platformOrderId,
          supplier_order_id: params.supplierOrderId ?? null,
          lines: codec.json(params.lines),
          status: params.status ?? 'placing',
          created_at: now,
          updated_at: now,
        },
        { store_id: params.storeId, platform_order_id: params.platformOrderId },
      );
      const record = toRecord(row);
      return inserted ? { created: true, supplierOrder: record } : { created: false, existing: record };
    },
    findByOrderKey: (storeId, platformOrderId) =>
      findOne({ store_id: storeId, platform_order_id: platformOrderId }),
    async update(id, patch: SupplierOrderPatch) {
      const changes = { ...toColumns(codec, PATCH_COLUMNS, patch), updated_at: codec.date(new Date()) };
      return (await knex(TABLE).where({ id }).update(changes)) > 0 ? findOne({ id }) : null;
    },
    async listByStatus(storeId, status, limit) {
      const oldestFirst = knex(TABLE)
        .where({ store_id: storeId, status })
        .orderBy(['created_at', 'id'])
        .limit(limit);
      const named = planOnce(ctx, oldestFirst, 'dropship_supplier_orders_by_status', SUPPLIER_ORDER_COLUMNS);
      return ((await named) as Row[]).map(toRecord);
    },
    async listByStore(storeId, limit) {
      const rows = (await knex(TABLE)
        .where({ store_id: storeId })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)) as Row[];
      return rows.map(toRecord);
    },
  };
}
