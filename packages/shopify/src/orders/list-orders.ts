import { ErrorKinds } from '@dropship/core';

import type { AdminGraphql } from '../admin/admin-graphql';
import type { ShopSession } from '../auth/shop-session';
import { ShopifyAdapterError } from '../errors';
import type { ShopifyOrder } from './shopify-order';

const ORDERS_QUERY = `#graphql
  query RecentOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id legacyResourceId name email createdAt updatedAt cancelledAt
        customer { id email firstName lastName }
        lineItems(first: 100) {
          nodes { id sku quantity title product { id } variant { id } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface OrderNode {
  id: string;
  legacyResourceId: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string | null;
  cancelledAt: string | null;
  customer: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null;
  lineItems: {
    nodes: Array<{
      id: string;
      sku: string | null;
      quantity: number;
      title: string;
      product: { id: string } | null;
      variant: { id: string } | null;
    }>;
  };
}

interface OrdersData {
  orders: { nodes: OrderNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export interface ListOrdersPageParams {
  session: ShopSession;
  /** Orders updated at or after this instant. */
  updatedSince: Date;
  /** The previous page's endCursor. */
  after?: string | null;
  /** Page size, 1–250 (default 50). */
  first?: number;
}

export interface ListOrdersPageResult {
  orders: ShopifyOrder[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export type ListOrdersPage = (params: ListOrdersPageParams) => Promise<ListOrdersPageResult>;

function toOrder(node: OrderNode): ShopifyOrder {
  return {
    platformOrderId: node.id,
    legacyId: node.legacyResourceId,
    name: node.name,
    email: node.email,
    createdAt: new Date(node.createdAt),
    updatedAt: node.updatedAt ? new Date(node.updatedAt) : null,
    cancelledAt: node.cancelledAt ? new Date(node.cancelledAt) : null,
    customer: node.customer,
    lineItems: node.lineItems.nodes.map((item) => ({
      id: item.id,
      productId: item.product?.id ?? null,
      variantId: item.variant?.id ?? null,
      sku: item.sku,
      quantity: item.quantity,
      title: item.title,
    })),
  };
}

/** Shopify's search syntax; the quotes keep the timestamp's colons out of the parser. */
export function updatedSinceQuery(updatedSince: Date): string {
  return `updated_at:>='${updatedSince.toISOString()}'`;
}

/** One page of the orders updated since an instant, oldest update first (cursor pagination). */
export function createListOrdersPage(adminGraphql: AdminGraphql): ListOrdersPage {
  return async ({ session, updatedSince, after = null, first = 50 }) => {
    if (!Number.isInteger(first) || first < 1 || first > 250) {
      throw new ShopifyAdapterError(
        ErrorKinds.invalidInput,
        `first must be an integer from 1 to 250 (Shopify's page limit), got ${first}.`,
        {
          first,
        },
      );
    }
    const data = await adminGraphql<OrdersData>({
      session,
      query: ORDERS_QUERY,
      variables: { first, after, query: updatedSinceQuery(updatedSince) },
      operation: 'list orders',
    });
    return {
      orders: data.orders.nodes.map(toOrder),
      endCursor: data.orders.pageInfo.endCursor,
      hasNextPage: data.orders.pageInfo.hasNextPage,
    };
  };
}

export interface ListOrdersSinceParams extends Omit<ListOrdersPageParams, 'after'> {
  /** Stop after this many pages (default 20): the next run continues from the latest updatedAt. */
  maxPages?: number;
}

export interface ListOrdersSinceResult {
  orders: ShopifyOrder[];
  /** True when maxPages stopped the walk before the last page. */
  truncated: boolean;
}

export type ListOrdersSince = (params: ListOrdersSinceParams) => Promise<ListOrdersSinceResult>;

/** Walks the pages of {@link ListOrdersPage} for the reconciliation scheduler. */
export function createListOrdersSince(listOrdersPage: ListOrdersPage): ListOrdersSince {
  return async ({ maxPages = 20, ...params }) => {
    const orders: ShopifyOrder[] = [];
    let after: string | null = null;
    for (let page = 0; page < maxPages; page += 1) {
      const result: ListOrdersPageResult = await listOrdersPage({ ...params, after });
      orders.push(...result.orders);
      if (!result.hasNextPage) return { orders, truncated: false };
      after = result.endCursor;
    }
    return { orders, truncated: true };
  };
}
