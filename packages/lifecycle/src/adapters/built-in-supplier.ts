import type { PlaceSupplierOrderParams, Repositories, SupplierPort } from '@dropship/core';

export interface BuiltInSupplierOptions {
  repos: Pick<Repositories, 'teamSupplierOrders'>;
}

/**
 * The supplier that needs no external service: each order is recorded once
 * (unique on store + order id) for the dropship team to place by hand. Real
 * suppliers implement the same port with the same idempotency key.
 */
export function createBuiltInSupplier(options: BuiltInSupplierOptions): SupplierPort {
  return {
    async placeSupplierOrder(params: PlaceSupplierOrderParams) {
      const result = await options.repos.teamSupplierOrders.recordOnce({
        storeId: params.storeId,
        platformOrderId: params.orderId,
        lines: params.lines,
      });
      const record = result.created ? result.record : result.existing;
      return { supplierOrderId: `team-${record.id}`, created: result.created };
    },
  };
}
