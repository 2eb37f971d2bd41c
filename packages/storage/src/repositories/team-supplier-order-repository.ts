import type {
  RecordTeamSupplierOrderParams,
  TeamSupplierOrderRecord,
  TeamSupplierOrderRepository,
} from '@dropship/core';
import { insertOnce, newId, str } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'team_supplier_orders';

export function createTeamSupplierOrderRepository(ctx: RepositoryContext): TeamSupplierOrderRepository {
  const { knex, codec } = ctx;

  const toRecord = (row: Row): TeamSupplierOrderRecord => ({
    id: str(row.id),
    storeId: str(row.store_id),
    platformOrderId: str(row.platform_order_id),
    lines: (codec.readJson(row.lines) ?? []) as unknown[],
    status: str(row.status),
    createdAt: codec.readDate(row.created_at),
  });

  return {
    async recordOnce(params: RecordTeamSupplierOrderParams) {
      const { inserted, row } = await insertOnce(
        knex,
        TABLE,
        {
          id: newId(),
          store_id: params.storeId,
          platform_order_id: params.platformOrderId,
          lines: codec.json(params.lines),
          status: 'to_place',
          created_at: codec.date(new Date()),
        },
        { store_id: params.storeId, platform_order_id: params.platformOrderId },
      );
      const record = toRecord(row);
      return inserted ? { created: true, record } : { created: false, existing: record };
    },
    async countByStore(storeId) {
      const row = (await knex(TABLE).where({ store_id: storeId }).count({ count: '*' }).first()) as
        Row | undefined;
      return codec.readInt(row?.count ?? 0);
    },
    async listByStore(storeId, limit) {
      const rows = (await knex(TABLE)
        .where({ store_id: storeId })
        .orderBy(['created_at', 'id'])
        .limit(limit)) as Row[];
      return rows.map(toRecord);
    },
  };
}
