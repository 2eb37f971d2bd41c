import type { PlatformOrder, SupplierOrderLine } from '@dropship/core';

/** What an order record keeps of the platform order: enough to place it and to list it in a report. */
export interface StoredOrderPayload {
  name: string;
  createdAt: string;
  platformStatus: string;
  lines: Array<{ sku: string | null; quantity: number; platformProductId: string | null }>;
  /** The lines that match published platform products: what the supplier receives. */
  supplierLines: SupplierOrderLine[];
}

export function toStoredPayload(
  order: PlatformOrder,
  supplierLines: SupplierOrderLine[],
): StoredOrderPayload {
  return {
    name: order.name,
    createdAt: order.createdAt.toISOString(),
    platformStatus: order.status,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      platformProductId: line.platformProductId,
    })),
    supplierLines,
  };
}

function isLine(value: unknown): value is SupplierOrderLine {
  const line = value as Partial<SupplierOrderLine> | null;
  return typeof line?.sku === 'string' && typeof line.quantity === 'number';
}

/** The supplier lines of a recorded order; empty when the payload was redacted or is foreign. */
export function supplierLinesOf(payload: unknown): SupplierOrderLine[] {
  const lines = (payload as Partial<StoredOrderPayload> | null)?.supplierLines;
  return Array.isArray(lines) ? lines.filter(isLine) : [];
}

/** The order number the merchant sees, when the payload still has it. */
export function orderNameOf(payload: unknown): string | null {
  const name = (payload as Partial<StoredOrderPayload> | null)?.name;
  return typeof name === 'string' ? name : null;
}
