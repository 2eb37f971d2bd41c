import { ErrorKinds, Platforms } from '@dropship/core';
import type {
  EnsureWebhooksParams,
  EnsureWebhooksResult,
  ListRecentOrdersParams,
  OrdersPage,
  PlatformOrder,
  ProductPresence,
  PublishedProduct,
  Store,
  StorePlatform,
} from '@dropship/core';
import { WOO_APP_NAME } from './auth/build-authorize-url';
import { WooConnectorError } from './errors';
import { presenceOfWooStatus, WooProductPresence } from './rest/check-published-products';
import { createWooClient } from './rest/create-woo-client';
import { ensureWooWebhooks, wooWebhookDeliveryUrl } from './rest/ensure-webhooks';
import type { WooClient, WooClientOptions } from './rest/create-woo-client';
import { wooGmtToDate } from './rest/resources';
import type { WooOrder, WooProduct } from './rest/resources';

/** How to reach one store's REST API; null when the store has no (more) keys. */
export interface WooStoreConnection {
  /** The WordPress home URL, e.g. `https://shop.example.com` (scheme decides OAuth 1.0a vs Basic). */
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Remembered from an earlier call that found the Authorization header stripped. */
  queryStringAuth?: boolean;
}

export interface WooStorePlatformOptions {
  /** Reads the store's decrypted keys (e.g. from the store repository). */
  resolveConnection(store: Store): Promise<WooStoreConnection | null>;
  /** Called when a client learnt that this store needs query-string credentials: store it. */
  onQueryStringAuth?(store: Store): void;
  /** Timeouts, retries, https agent shared by every store's client. */
  client?: Omit<
    WooClientOptions,
    'url' | 'consumerKey' | 'consumerSecret' | 'queryStringAuth' | 'onQueryStringAuth'
  >;
  /** Orders per page of `listRecentOrders`, 1–100 (100 by default). */
  ordersPerPage?: number;
}

/** The StorePlatform port for WooCommerce, plus the storefront URL WooCommerce gives each product. */
export interface WooStorePlatform extends StorePlatform {
  /** The product's public page: WooCommerce's `permalink`, null for products without one. */
  productStorefrontUrl(product: Pick<WooProduct, 'permalink'>): string | null;
}

/** `https://<site>/wp-admin/post.php?post=<id>&action=edit`; `domain` may carry a subdirectory path. */
export function wooProductAdminUrl(domain: string, productId: string): string {
  const site = domain.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  return `https://${site}/wp-admin/post.php?post=${encodeURIComponent(productId)}&action=edit`;
}

export function createWooStorePlatform(options: WooStorePlatformOptions): WooStorePlatform {
  const perPage = options.ordersPerPage ?? 100;

  async function clientFor(store: Store): Promise<WooClient | null> {
    const connection = await options.resolveConnection(store);
    if (!connection) return null;
    return createWooClient({
      ...options.client,
      url: connection.siteUrl,
      consumerKey: connection.consumerKey,
      consumerSecret: connection.consumerSecret,
      queryStringAuth: connection.queryStringAuth ?? false,
      onQueryStringAuth: () => options.onQueryStringAuth?.(store),
    });
  }

  async function clientWithKeys(store: Store, purpose: string): Promise<WooClient> {
    const client = await clientFor(store);
    if (!client) {
      throw new WooConnectorError(
        ErrorKinds.unauthorized,
        `Store ${store.domain} has no WooCommerce REST keys: reconnect it to ${purpose}.`,
        { keysRevoked: true },
      );
    }
    return client;
  }

  async function listRecentOrders(store: Store, params: ListRecentOrdersParams): Promise<OrdersPage> {
    const client = await clientWithKeys(store, 'read orders');
    const page = decodeCursor(params.cursor);
    const result = await client.listOrders({ createdAfter: params.since, orderBy: 'date', page, perPage });
    const lastPage = result.totalPages !== null ? page >= result.totalPages : result.items.length < perPage;
    return {
      orders: result.items.map(toPlatformOrder),
      nextCursor: lastPage || result.items.length === 0 ? null : String(page + 1),
    };
  }

  async function productPresence(
    store: Store,
    product: Pick<PublishedProduct, 'platformProductId'>,
  ): Promise<ProductPresence> {
    const client = await clientFor(store);
    if (!client || !/^\d+$/.test(product.platformProductId)) return WooProductPresence.unknown;
    try {
      const found = await client.getProduct(product.platformProductId);
      return presenceOfWooStatus(found ? found.status : null);
    } catch (error) {
      // Revoked keys or a store that keeps failing: the port's answer is "cannot tell".
      if (
        error instanceof WooConnectorError &&
        (error.kind === ErrorKinds.unauthorized ||
          error.kind === ErrorKinds.forbidden ||
          error.kind === ErrorKinds.unavailable)
      ) {
        return WooProductPresence.unknown;
      }
      throw error;
    }
  }

  async function ensureWebhooks(store: Store, params: EnsureWebhooksParams): Promise<EnsureWebhooksResult> {
    const client = await clientWithKeys(store, 'subscribe to its webhooks');
    return ensureWooWebhooks(client, {
      deliveryUrl: wooWebhookDeliveryUrl(params.publicBaseUrl, store.id),
      secret: params.secret,
      // The WordPress plugin removes the platform's webhooks by this name, as its key.
      name: WOO_APP_NAME,
    });
  }

  return {
    platform: Platforms.woocommerce,
    productAdminUrl: (store, product) => wooProductAdminUrl(store.domain, product.platformProductId),
    productStorefrontUrl: (product) => product.permalink || null,
    listRecentOrders,
    productPresence,
    ensureWebhooks,
  };
}

function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null) return 1;
  if (!/^[1-9]\d{0,6}$/.test(cursor)) {
    throw new WooConnectorError(
      ErrorKinds.invalidInput,
      `"${cursor}" is not a cursor from listRecentOrders; start again without one.`,
    );
  }
  return Number(cursor);
}

function toPlatformOrder(order: WooOrder): PlatformOrder {
  return {
    platformOrderId: String(order.id),
    name: `#${order.number ?? order.id}`,
    createdAt: wooGmtToDate(order.date_created_gmt) ?? new Date(0),
    status: order.status,
    lines: order.line_items.map((line) => ({
      sku: line.sku ? line.sku : null,
      quantity: line.quantity,
      platformProductId: line.product_id > 0 ? String(line.product_id) : null,
    })),
  };
}
