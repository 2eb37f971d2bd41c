import type { PlatformOrder } from '@dropship/core';
import type { OrderCreatePayload } from '../webhooks/payload-schemas';
import { gidFor } from '../products/product-urls';

export interface ShopifyOrderLineItem {
  /** Line item global id. */
  id: string;
  /** Product global id; null for a custom item or a deleted product. */
  productId: string | null;
  variantId: string | null;
  sku: string | null;
  quantity: number;
  title: string;
}

export interface ShopifyOrderCustomer {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** An order as the adapter returns it, the same from `orders/create` and from the reconciliation query. */
export interface ShopifyOrder {
  /** `gid://shopify/Order/<n>`: OrderRecord.platformOrderId, whichever path saw it first. */
  platformOrderId: string;
  legacyId: string;
  /** `#1001`. */
  name: string;
  email: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  cancelledAt: Date | null;
  customer: ShopifyOrderCustomer | null;
  lineItems: ShopifyOrderLineItem[];
}

/** The `orders/create` webhook body in the adapter's order shape (numeric ids become global ids). */
export function orderFromWebhook(payload: OrderCreatePayload): ShopifyOrder {
  return {
    platformOrderId: payload.admin_graphql_api_id,
    legacyId: payload.id,
    name: payload.name,
    email: payload.email,
    createdAt: payload.created_at,
    updatedAt: payload.updated_at,
    cancelledAt: payload.cancelled_at,
    customer: payload.customer
      ? {
          id: payload.customer.admin_graphql_api_id ?? gidFor('Customer', payload.customer.id),
          email: payload.customer.email,
          firstName: payload.customer.first_name,
          lastName: payload.customer.last_name,
        }
      : null,
    lineItems: payload.line_items.map((item) => ({
      id: item.admin_graphql_api_id ?? gidFor('LineItem', item.id),
      productId: item.product_id === null ? null : gidFor('Product', item.product_id),
      variantId: item.variant_id === null ? null : gidFor('ProductVariant', item.variant_id),
      sku: item.sku,
      quantity: item.quantity,
      title: item.title,
    })),
  };
}

/** True when one of the order's lines is a product the platform published (by product global id). */
export function orderContainsProducts(order: ShopifyOrder, productIds: ReadonlySet<string>): boolean {
  return order.lineItems.some((item) => item.productId !== null && productIds.has(item.productId));
}

/**
 * The `orders/create` body as order automation takes it (core's PlatformOrder):
 * keyed by the order's global id, exactly as the reconciliation sync keys it,
 * so one order is never placed twice. No customer data goes further.
 */
export function platformOrderFromWebhook(payload: OrderCreatePayload): PlatformOrder {
  const order = orderFromWebhook(payload);
  return {
    platformOrderId: order.platformOrderId,
    name: order.name,
    createdAt: order.createdAt,
    status: payload.financial_status ?? 'unknown',
    lines: order.lineItems.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      platformProductId: line.productId,
    })),
  };
}
