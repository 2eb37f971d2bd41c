import type { Invoice, Platform, PublishedProduct, Store } from './model';

/** The time source every rule and use-case receives instead of reading the system clock itself. */
export interface Clock {
  now(): Date;
}

/** The real clock, for composition roots. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stuck at `at`. */
export function createFixedClock(at: Date): Clock {
  const fixed = at.getTime();
  return { now: () => new Date(fixed) };
}

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): Date;
  set(at: Date): void;
}

export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
      return new Date(current);
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

export interface SupplierOrderLine {
  sku: string;
  quantity: number;
  /** The store platform's product id, when the order line carries one. */
  platformProductId?: string | null;
}

export interface PlaceSupplierOrderParams {
  storeId: string;
  /** The store platform's order id: the idempotency key. */
  orderId: string;
  lines: readonly SupplierOrderLine[];
}

export interface PlaceSupplierOrderResult {
  supplierOrderId: string;
  /** False when an order for this `orderId` already existed and was returned as is. */
  created: boolean;
}

/**
 * The supplier that fulfils orders. Idempotent on (storeId, orderId): order
 * jobs run at least once, so a retry must return the first supplier order.
 */
export interface SupplierPort {
  placeSupplierOrder(params: PlaceSupplierOrderParams): Promise<PlaceSupplierOrderResult>;
}

export type PaymentCollectionResult =
  | { status: 'succeeded'; reference: string }
  | { status: 'failed'; reason: string; retryable: boolean }
  | { status: 'requires_action'; reason: string };

/** Collects a platform invoice. Idempotent on the invoice id. */
export interface PaymentCollector {
  collect(invoice: Invoice): Promise<PaymentCollectionResult>;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Short labels for tracing (`disconnect-summary`, `billing-reminder`). */
  tags: readonly string[];
  /** One message per key: sending again with the same key returns the first message. */
  idempotencyKey?: string;
}

/** Sends (or queues for sending) one e-mail; implementations record it in an outbox. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface PlatformOrderLine {
  sku: string | null;
  quantity: number;
  platformProductId: string | null;
}

export interface PlatformOrder {
  platformOrderId: string;
  /** The number the merchant sees (`#1001`). */
  name: string;
  createdAt: Date;
  /** The platform's own status string (`paid`, `processing`, …). */
  status: string;
  lines: readonly PlatformOrderLine[];
}

export interface ListRecentOrdersParams {
  since: Date;
  /** Opaque cursor from the previous page; absent for the first page. */
  cursor?: string | null;
}

export interface OrdersPage {
  orders: readonly PlatformOrder[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** A product's state on the store, as far as the platform can tell. */
export type ProductPresence = 'published' | 'unpublished' | 'deleted' | 'unknown';

/**
 * What both store platforms (Shopify, WooCommerce) implement; one shared
 * contract suite checks both. Implementations resolve the store's credentials
 * themselves and fail with an UNAVAILABLE / UNAUTHORIZED domain error when the
 * platform cannot be reached or the credentials were revoked.
 */
export interface StorePlatform {
  readonly platform: Platform;
  /** Where the merchant edits or removes the product by hand; pure, works after credentials are revoked. */
  productAdminUrl(store: Pick<Store, 'domain'>, product: Pick<PublishedProduct, 'platformProductId'>): string;
  /** One page of orders created since `since`, oldest first. */
  listRecentOrders(store: Store, params: ListRecentOrdersParams): Promise<OrdersPage>;
  /** Whether the product is still on the store; `unknown` when the platform cannot be asked any more. */
  productPresence(
    store: Store,
    product: Pick<PublishedProduct, 'platformProductId'>,
  ): Promise<ProductPresence>;
  /**
   * Makes the store deliver its order and product webhooks to the platform,
   * once each, signed with the store's secret. Absent where the webhooks come
   * with the app itself (Shopify declares them in shopify.app.toml).
   */
  ensureWebhooks?(store: Store, params: EnsureWebhooksParams): Promise<EnsureWebhooksResult>;
}

export interface EnsureWebhooksParams {
  /** The platform's public URL; the connector knows which of its endpoints takes the deliveries. */
  publicBaseUrl: string;
  /** The secret the store signs each delivery with. */
  secret: string;
}

export interface EnsureWebhooksResult {
  /** Topics subscribed now. */
  created: string[];
  /** Topics already subscribed, re-armed (active, current secret). */
  updated: string[];
  /** Extra subscriptions to the same endpoint and topic, paused so each event arrives once. */
  paused: number[];
}
