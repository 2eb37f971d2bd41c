import type { PendingOrderSnapshot, Repositories } from '@dropship/core';
import { OrderStatuses } from '../order-automation/ingest-order';
import { orderNameOf } from '../order-automation/order-payload';
import { SupplierOrderStatuses } from '../order-automation/place-supplier-order';

export interface PendingOrdersSnapshot {
  orders: PendingOrderSnapshot[];
  total: number;
}

/**
 * The store's orders that had not reached the supplier, oldest first. An
 * order whose placement had already started (claimed before the gate closed)
 * is marked `in_progress`: it may still be placed by the job holding it.
 * Most stores leave none: they are counted first, and listed only if any.
 */
export async function snapshotPendingOrders(
  repos: Pick<Repositories, 'orders' | 'supplierOrders'>,
  storeId: string,
  limit: number,
): Promise<PendingOrdersSnapshot> {
  const total = await repos.orders.countByStatus(storeId, OrderStatuses.pending);
  if (total === 0) return { total, orders: [] };
  const [pending, placing] = await Promise.all([
    repos.orders.listByStatus(storeId, OrderStatuses.pending, limit),
    repos.supplierOrders.listByStatus(storeId, SupplierOrderStatuses.placing, limit),
  ]);
  const inProgress = new Set(placing.map((claim) => claim.platformOrderId));
  return {
    total,
    orders: pending.map((order) => ({
      platformOrderId: order.platformOrderId,
      name: orderNameOf(order.payload),
      receivedAt: order.receivedAt,
      placement: inProgress.has(order.platformOrderId) ? 'in_progress' : 'not_placed',
    })),
  };
}
