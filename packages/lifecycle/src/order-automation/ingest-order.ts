import { ErrorKinds } from '@dropship/core';
import type { PlatformOrder, PlatformOrderLine, Repositories, SupplierOrderLine } from '@dropship/core';
import { JobNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { LifecycleError } from '../errors';
import { toStoredPayload } from './order-payload';
import { STORE_DISCONNECTED, isAutomationOpen } from './store-gate';

/** Order statuses written by order automation. */
export const OrderStatuses = {
  /** Contains platform products, not yet at the supplier. */
  pending: 'pending',
  placed: 'placed',
  /** Contains no platform product: nothing to place. */
  notApplicable: 'not_applicable',
} as const;

export interface IngestOrderDeps {
  repos: Pick<Repositories, 'stores' | 'orders' | 'publishedProducts'>;
  queues: Pick<Queues, 'enqueue'>;
}

export interface IngestOrderParams {
  storeId: string;
  order: PlatformOrder;
  /** How the order reached us (webhook delivery or the reconciliation sync); kept for tracing. */
  via: 'webhook' | 'sync';
  correlationId?: string | null;
}

export type IngestOrderResult =
  | { status: 'queued'; orderId: string; jobId: string }
  | { status: 'not_applicable'; orderId: string }
  | { status: 'already_handled'; orderId: string; orderStatus: string }
  | { status: 'skipped'; reason: typeof STORE_DISCONNECTED };

async function matchLine(
  repos: IngestOrderDeps['repos'],
  storeId: string,
  line: PlatformOrderLine,
): Promise<SupplierOrderLine | null> {
  const byId = line.platformProductId
    ? await repos.publishedProducts.findByPlatformId(storeId, line.platformProductId)
    : null;
  const product =
    byId && byId.removedAt === null
      ? byId
      : line.sku
        ? await repos.publishedProducts.findBySku(storeId, line.sku)
        : null;
  if (!product) return null;
  return {
    sku: line.sku ?? product.sku ?? product.platformProductId,
    quantity: line.quantity,
    platformProductId: product.platformProductId,
  };
}

/** The order's lines that are platform products (matched on the ledger by product id, then SKU). */
export async function matchPlatformLines(
  repos: IngestOrderDeps['repos'],
  storeId: string,
  lines: readonly PlatformOrderLine[],
): Promise<SupplierOrderLine[]> {
  const matched: SupplierOrderLine[] = [];
  for (const line of lines) {
    const supplierLine = await matchLine(repos, storeId, line);
    if (supplierLine) matched.push(supplierLine);
  }
  return matched;
}

/**
 * Records a new store order once (webhook or sync, whichever comes first) and,
 * when it contains platform products, queues the job that places its supplier
 * order. Idempotent: the job id is derived from the order id, and an order
 * already placed is not queued again. Orders of a closed store are not taken.
 */
export async function ingestOrder(
  deps: IngestOrderDeps,
  params: IngestOrderParams,
): Promise<IngestOrderResult> {
  const store = await deps.repos.stores.findById(params.storeId);
  if (!store) {
    throw new LifecycleError(
      ErrorKinds.notFound,
      `Store ${params.storeId} does not exist: an order cannot be recorded for it. Check the store id of the sender.`,
    );
  }
  if (!isAutomationOpen(store)) return { status: 'skipped', reason: STORE_DISCONNECTED };
  const supplierLines = await matchPlatformLines(deps.repos, store.id, params.order.lines);
  const contains = supplierLines.length > 0;
  const saved = await deps.repos.orders.saveOnce({
    storeId: store.id,
    platformOrderId: params.order.platformOrderId,
    status: contains ? OrderStatuses.pending : OrderStatuses.notApplicable,
    containsPlatformProducts: contains,
    payload: toStoredPayload(params.order, supplierLines),
  });
  const order = saved.inserted ? saved.order : saved.existing;
  if (!order.containsPlatformProducts) return { status: 'not_applicable', orderId: order.platformOrderId };
  if (order.status !== OrderStatuses.pending) {
    return { status: 'already_handled', orderId: order.platformOrderId, orderStatus: order.status };
  }
  const { jobId } = await deps.queues.enqueue(JobNames.placeSupplierOrder, {
    storeId: store.id,
    orderId: order.platformOrderId,
    correlationId: params.correlationId ?? null,
  });
  return { status: 'queued', orderId: order.platformOrderId, jobId };
}
