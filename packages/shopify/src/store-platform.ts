import { ErrorKinds, Platforms } from '@dropship/core';
import type {
  ListRecentOrdersParams,
  OrdersPage,
  PlatformOrder,
  ProductPresence,
  PublishedProduct,
  Store,
  StorePlatform,
} from '@dropship/core';

import type { ShopSession } from './auth/shop-session';
import type { ShopifyAdapter } from './create-shopify-api';
import { ShopifyAdapterError } from './errors';
import { gidFor, productAdminUrl } from './products/product-urls';

/** Line items fetched with each order; longer orders get the rest in follow-up queries. */
const LINES_PER_ORDER = 10;
/** Line items per follow-up query of one long order. */
const LINES_PER_FOLLOW_UP = 100;
/**
 * Shopify refuses a query whose requested cost exceeds 1000 points; each order
 * of ORDERS_QUERY requests about 2 + 2 × LINES_PER_ORDER + 1 points.
 */
const MAX_ORDERS_PER_PAGE = 40;

const LINE_FIELDS = `nodes { sku quantity product { id } } pageInfo { hasNextPage endCursor }`;

const ORDERS_QUERY = `#graphql
  query StoreRecentOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
      nodes {
        id name createdAt displayFinancialStatus
        lineItems(first: ${LINES_PER_ORDER}) { ${LINE_FIELDS} }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const ORDER_LINES_QUERY = `#graphql
  query StoreOrderLines($id: ID!, $first: Int!, $after: String) {
    order(id: $id) { lineItems(first: $first, after: $after) { ${LINE_FIELDS} } }
  }
`;

const PRODUCT_QUERY = `#graphql
  query StoreProductPresence($id: ID!) {
    product(id: $id) { status publishedAt }
  }
`;

interface LineNode {
  sku: string | null;
  quantity: number;
  product: { id: string } | null;
}

interface LinesConnection {
  nodes: LineNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface OrderNode {
  id: string;
  name: string;
  createdAt: string;
  displayFinancialStatus: string | null;
  lineItems: LinesConnection;
}

interface OrdersData {
  orders: { nodes: OrderNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** What `product(id:)` tells about a product's presence. */
export interface ShopifyProductSnapshot {
  /** ProductStatus: ACTIVE, ARCHIVED, DRAFT, UNLISTED. */
  status: string;
  /** When the product was published to the online store; null when it is not. */
  publishedAt: string | null;
}

interface ProductData {
  product: ShopifyProductSnapshot | null;
}

export interface ShopifyStorePlatformOptions {
  /** The adapter from `createShopifyApi`. */
  adapter: Pick<ShopifyAdapter, 'adminGraphql'>;
  /** The store's offline session with its decrypted token; null when there is none (e.g. after uninstall). */
  resolveSession(store: Store): Promise<ShopSession | null>;
  /** Orders per page of `listRecentOrders`, 1–40 (25 by default; Shopify caps a query's cost). */
  ordersPerPage?: number;
}

/** Statuses of a product a customer can still buy (UNLISTED: active, only hidden from search and collections). */
const SELLABLE_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'UNLISTED']);

/** Values of @dropship/core's `ProductPresence`. */
export const ShopifyProductPresence = {
  published: 'published',
  unpublished: 'unpublished',
  deleted: 'deleted',
  unknown: 'unknown',
} as const satisfies Record<string, ProductPresence>;

/** A product's presence from `product(id:)`: null is deleted; sellable and on the online store is published. */
export function presenceOfShopifyProduct(product: ShopifyProductSnapshot | null): ProductPresence {
  if (product === null) return ShopifyProductPresence.deleted;
  return SELLABLE_STATUSES.has(product.status) && product.publishedAt !== null
    ? ShopifyProductPresence.published
    : ShopifyProductPresence.unpublished;
}

const PRODUCT_ID = /^(?:gid:\/\/shopify\/Product\/)?(\d+)$/;

/**
 * The product global id the Admin API takes, from the ledger's global id or a
 * bare numeric id (the admin URL's form). Throws INVALID_INPUT for anything else.
 */
export function toProductGid(platformProductId: string): string {
  const numeric = PRODUCT_ID.exec(platformProductId)?.[1];
  if (numeric) return gidFor('Product', numeric);
  throw new ShopifyAdapterError(
    ErrorKinds.invalidInput,
    `"${platformProductId}" is not a Shopify product id (gid://shopify/Product/<number> or the number alone).`,
    { platformProductId },
  );
}

/** Shopify's search syntax: orders created strictly after `since` (quoted to keep the colons out of the parser). */
export function createdAfterQuery(since: Date): string {
  return `created_at:>'${since.toISOString()}'`;
}

/**
 * The order as order automation takes it, keyed like the `orders/create`
 * webhook path: the order global id (`admin_graphql_api_id`), product global
 * ids on lines, the financial status lower-cased as the webhook's `financial_status`.
 */
function toPlatformOrder(node: OrderNode, lines: readonly LineNode[]): PlatformOrder {
  return {
    platformOrderId: node.id,
    name: node.name,
    createdAt: new Date(node.createdAt),
    status: node.displayFinancialStatus ? node.displayFinancialStatus.toLowerCase() : 'unknown',
    lines: lines.map((line) => ({
      sku: line.sku ? line.sku : null,
      quantity: line.quantity,
      platformProductId: line.product?.id ?? null,
    })),
  };
}

function resolveOrdersPerPage(ordersPerPage: number | undefined): number {
  const perPage = ordersPerPage ?? 25;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_ORDERS_PER_PAGE) {
    throw new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `ordersPerPage must be an integer from 1 to ${MAX_ORDERS_PER_PAGE} (the query cost Shopify accepts), got ${perPage}.`,
      { ordersPerPage },
    );
  }
  return perPage;
}

/** Errors after which the platform cannot tell whether the product is there. */
function isCannotTell(error: unknown): boolean {
  return (
    error instanceof ShopifyAdapterError &&
    (error.kind === ErrorKinds.unauthorized ||
      error.kind === ErrorKinds.forbidden ||
      error.kind === ErrorKinds.unavailable)
  );
}

/**
 * The StorePlatform port for Shopify, over the adapter's Admin GraphQL client.
 * The same order gets the same `platformOrderId` here and from `orders/create`.
 */
export function createShopifyStorePlatform(options: ShopifyStorePlatformOptions): StorePlatform {
  const perPage = resolveOrdersPerPage(options.ordersPerPage);
  const { adminGraphql } = options.adapter;

  async function sessionFor(store: Store): Promise<ShopSession> {
    const session = await options.resolveSession(store);
    if (session) return session;
    throw new ShopifyAdapterError(
      ErrorKinds.unauthorized,
      `Store ${store.domain} has no Shopify access token (the app was uninstalled or never installed): ` +
        'the merchant must install the app again before its orders can be read.',
      { storeId: store.id, shop: store.domain },
    );
  }

  async function remainingLines(session: ShopSession, order: OrderNode): Promise<LineNode[]> {
    const lines = [...order.lineItems.nodes];
    let { hasNextPage, endCursor } = order.lineItems.pageInfo;
    while (hasNextPage) {
      const data = await adminGraphql<{ order: { lineItems: LinesConnection } | null }>({
        session,
        query: ORDER_LINES_QUERY,
        variables: { id: order.id, first: LINES_PER_FOLLOW_UP, after: endCursor },
        operation: 'list order lines',
      });
      // Deleted while being read: keep the lines already read.
      if (!data.order) break;
      lines.push(...data.order.lineItems.nodes);
      ({ hasNextPage, endCursor } = data.order.lineItems.pageInfo);
    }
    return lines;
  }

  async function listRecentOrders(store: Store, params: ListRecentOrdersParams): Promise<OrdersPage> {
    const session = await sessionFor(store);
    const data = await adminGraphql<OrdersData>({
      session,
      query: ORDERS_QUERY,
      variables: { first: perPage, after: params.cursor ?? null, query: createdAfterQuery(params.since) },
      operation: 'list recent orders',
    });
    const orders: PlatformOrder[] = [];
    for (const node of data.orders.nodes) {
      // The port promises strictly after `since`, whatever precision the search applies.
      if (new Date(node.createdAt).getTime() <= params.since.getTime()) continue;
      orders.push(toPlatformOrder(node, await remainingLines(session, node)));
    }
    const { hasNextPage, endCursor } = data.orders.pageInfo;
    return { orders, nextCursor: hasNextPage && endCursor ? endCursor : null };
  }

  async function productPresence(
    store: Store,
    product: Pick<PublishedProduct, 'platformProductId'>,
  ): Promise<ProductPresence> {
    const session = await options.resolveSession(store);
    if (!session) return ShopifyProductPresence.unknown;
    if (!PRODUCT_ID.test(product.platformProductId)) return ShopifyProductPresence.unknown;
    try {
      const data = await adminGraphql<ProductData>({
        session,
        query: PRODUCT_QUERY,
        variables: { id: toProductGid(product.platformProductId) },
        operation: 'check product presence',
      });
      return presenceOfShopifyProduct(data.product);
    } catch (error) {
      // A revoked token or a shop that keeps failing: the port's answer is "cannot tell".
      if (isCannotTell(error)) return ShopifyProductPresence.unknown;
      throw error;
    }
  }

  return {
    platform: Platforms.shopify,
    productAdminUrl: (store, product) =>
      productAdminUrl(store.domain, toProductGid(product.platformProductId)),
    listRecentOrders,
    productPresence,
  };
}
