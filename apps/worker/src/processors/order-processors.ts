import { placeSupplierOrder, subscribeStoreWebhooks, syncStoreOrders } from '@dropship/lifecycle';
import type { JobNames } from '@dropship/queues';
import type { JobProcessor } from '@dropship/queues';
import type { ProcessorDeps } from './deps';

/** Places one order's supplier order; a closed store gate makes it "skipped: store disconnected". */
export function createPlaceSupplierOrderProcessor(
  deps: ProcessorDeps,
): JobProcessor<typeof JobNames.placeSupplierOrder> {
  return (payload, { signal }) => placeSupplierOrder(deps, payload, { signal });
}

/** Makes a connected WooCommerce store deliver its order and product webhooks to the platform. */
export function createSubscribeStoreWebhooksProcessor(
  deps: ProcessorDeps,
): JobProcessor<typeof JobNames.subscribeStoreWebhooks> {
  return (payload) => subscribeStoreWebhooks(deps, payload);
}

/** One reconciliation run of a store's recent orders. */
export function createSyncStoreOrdersProcessor(
  deps: ProcessorDeps,
): JobProcessor<typeof JobNames.syncStoreOrders> {
  return (payload, { signal }) =>
    syncStoreOrders(deps, payload, { signal, lookbackMs: deps.orderSyncLookbackMs });
}
