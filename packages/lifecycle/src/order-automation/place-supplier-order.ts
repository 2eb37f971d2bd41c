import { ErrorKinds } from '@dropship/core';
import type { Repositories, SupplierOrderRecord, SupplierPort } from '@dropship/core';
import { PermanentJobError, skippedJob } from '@dropship/queues';
import type { PlaceSupplierOrderPayload, SkippedJobResult } from '@dropship/queues';
import { LifecycleError } from '../errors';
import { OrderStatuses } from './ingest-order';
import { supplierLinesOf } from './order-payload';
import { STORE_DISCONNECTED, isAutomationOpen } from './store-gate';

/** Statuses of the supplier-order claim (`supplier_orders`), the idempotency record of a placement. */
export const SupplierOrderStatuses = {
  placing: 'placing',
  placed: 'placed',
  /** The store closed between the claim and the supplier call: nothing was ordered. */
  cancelled: 'cancelled',
} as const;

export interface PlaceSupplierOrderDeps {
  repos: Pick<Repositories, 'stores' | 'orders' | 'supplierOrders'>;
  supplier: SupplierPort;
}

export interface PlaceSupplierOrderOptions {
  /** Aborted when the worker cancels the job: stop before the supplier call. */
  signal?: AbortSignal;
}

export interface PlacedSupplierOrder {
  placed: true;
  supplierOrderId: string;
  /** False when the supplier already had this order (a re-run). */
  created: boolean;
}

export type PlaceSupplierOrderOutcome = PlacedSupplierOrder | SkippedJobResult;

async function claimPlacement(
  deps: PlaceSupplierOrderDeps,
  payload: PlaceSupplierOrderPayload,
  lines: readonly unknown[],
): Promise<SupplierOrderRecord> {
  const claim = await deps.repos.supplierOrders.createOnce({
    storeId: payload.storeId,
    platformOrderId: payload.orderId,
    lines,
    status: SupplierOrderStatuses.placing,
  });
  if (claim.created) return claim.supplierOrder;
  const existing = claim.existing;
  if (existing.status !== SupplierOrderStatuses.cancelled) return existing;
  // The store came back after a cancelled attempt: the order may be placed now.
  const reopened = await deps.repos.supplierOrders.update(existing.id, {
    status: SupplierOrderStatuses.placing,
  });
  return reopened ?? existing;
}

async function markPlaced(
  deps: PlaceSupplierOrderDeps,
  orderId: string,
  claim: SupplierOrderRecord,
  supplierOrderId: string,
): Promise<void> {
  if (claim.status !== SupplierOrderStatuses.placed || claim.supplierOrderId !== supplierOrderId) {
    await deps.repos.supplierOrders.update(claim.id, {
      status: SupplierOrderStatuses.placed,
      supplierOrderId,
    });
  }
  await deps.repos.orders.setStatusIf(orderId, OrderStatuses.pending, OrderStatuses.placed);
}

/**
 * Places the supplier order of one store order, at most once.
 *
 * Steps: (1) the store's gate — closed means "skipped: store disconnected"
 * with no write at all; (2) claim the placement (unique per store order);
 * (3) check the gate again, so a disconnect that landed meanwhile cancels the
 * claim before anything is ordered; (4) call the supplier, idempotent on the
 * order id; (5) record the result. A re-run after a crash at any point finds
 * the claim and calls the supplier again with the same key, which returns the
 * first supplier order: nothing is ordered twice.
 */
export async function placeSupplierOrder(
  deps: PlaceSupplierOrderDeps,
  payload: PlaceSupplierOrderPayload,
  options: PlaceSupplierOrderOptions = {},
): Promise<PlaceSupplierOrderOutcome> {
  if (!isAutomationOpen(await deps.repos.stores.findById(payload.storeId)))
    return skippedJob(STORE_DISCONNECTED);
  const order = await deps.repos.orders.findByPlatformId(payload.storeId, payload.orderId);
  if (!order) {
    throw new PermanentJobError(
      `Order ${payload.orderId} of store ${payload.storeId} was never recorded: ingest the order first, then queue its placement.`,
      ErrorKinds.notFound,
    );
  }
  if (order.status !== OrderStatuses.pending) return skippedJob(`order already ${order.status}`);
  const lines = supplierLinesOf(order.payload);
  if (lines.length === 0) return skippedJob('order has no platform products');

  const claim = await claimPlacement(deps, payload, lines);
  if (claim.status === SupplierOrderStatuses.placed && claim.supplierOrderId) {
    await markPlaced(deps, order.id, claim, claim.supplierOrderId);
    return { placed: true, supplierOrderId: claim.supplierOrderId, created: false };
  }
  if (!isAutomationOpen(await deps.repos.stores.findById(payload.storeId))) {
    await deps.repos.supplierOrders.update(claim.id, { status: SupplierOrderStatuses.cancelled });
    return skippedJob(STORE_DISCONNECTED);
  }
  if (options.signal?.aborted) {
    await deps.repos.supplierOrders.update(claim.id, { status: SupplierOrderStatuses.cancelled });
    throw new LifecycleError(
      ErrorKinds.unavailable,
      `Placing order ${payload.orderId} was cancelled before the supplier was called; the job will run again.`,
    );
  }
  const result = await deps.supplier.placeSupplierOrder({
    storeId: payload.storeId,
    orderId: payload.orderId,
    lines,
  });
  await markPlaced(deps, order.id, claim, result.supplierOrderId);
  return { placed: true, supplierOrderId: result.supplierOrderId, created: result.created };
}
