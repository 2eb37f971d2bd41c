/**
 * The nouns of the store lifecycle. Plain data: no behaviour, no I/O.
 * Timestamps are `Date`; amounts are integer minor units with an ISO 4217 currency.
 */

export const Platforms = { shopify: 'shopify', woocommerce: 'woocommerce' } as const;
export type Platform = (typeof Platforms)[keyof typeof Platforms];

export const StoreStates = {
  connected: 'connected',
  disconnecting: 'disconnecting',
  disconnected: 'disconnected',
  redacted: 'redacted',
} as const;
export type StoreState = (typeof StoreStates)[keyof typeof StoreStates];

/** Where a lifecycle change came from; recorded with every event. */
export const LifecycleSources = {
  shopifyInstall: 'shopify_install',
  shopifyUninstall: 'shopify_uninstall',
  shopifyRedact: 'shopify_redact',
  wpActivated: 'wp_activated',
  wpConnected: 'wp_connected',
  wpDeactivated: 'wp_deactivated',
  wpDeleted: 'wp_deleted',
  heartbeatLost: 'heartbeat_lost',
  dashboard: 'dashboard',
  accountDeletion: 'account_deletion',
} as const;
export type LifecycleSource = (typeof LifecycleSources)[keyof typeof LifecycleSources];

export const SubscriptionProviders = { shopify: 'shopify', platform: 'platform' } as const;
export type SubscriptionProvider = (typeof SubscriptionProviders)[keyof typeof SubscriptionProviders];

export const SubscriptionStatuses = {
  trial: 'trial',
  active: 'active',
  pendingCancellation: 'pending_cancellation',
  cancelled: 'cancelled',
  expired: 'expired',
  frozen: 'frozen',
} as const;
export type SubscriptionStatus = (typeof SubscriptionStatuses)[keyof typeof SubscriptionStatuses];

export const InvoiceStatuses = {
  draft: 'draft',
  open: 'open',
  paid: 'paid',
  void: 'void',
  uncollectible: 'uncollectible',
} as const;
export type InvoiceStatus = (typeof InvoiceStatuses)[keyof typeof InvoiceStatuses];

export const AccountStatuses = {
  active: 'active',
  suspended: 'suspended',
  anonymised: 'anonymised',
} as const;
export type AccountStatus = (typeof AccountStatuses)[keyof typeof AccountStatuses];

export interface Account {
  id: string;
  email: string | null;
  name: string | null;
  status: AccountStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface Store {
  id: string;
  accountId: string | null;
  platform: Platform;
  /** `example.myshopify.com` for Shopify, the site host (`shop.example.com`) for WooCommerce. */
  domain: string;
  state: StoreState;
  /** Latest install / activation time: older uninstalls are stale (out-of-order delivery). */
  installedAt: Date | null;
  disconnectedAt: Date | null;
  disconnectSource: LifecycleSource | null;
  /** The per-store gate of order automation: false means every order job is skipped. */
  automationEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Subscription {
  id: string;
  storeId: string;
  accountId: string | null;
  provider: SubscriptionProvider;
  /** Provider's id (Shopify AppSubscription GID); null for platform subscriptions. */
  externalId: string | null;
  planName: string;
  priceMinor: number;
  currency: string;
  status: SubscriptionStatus;
  trialEndsAt: Date | null;
  currentPeriodStart: Date | null;
  /** Stored while active: after a Shopify uninstall it can no longer be asked. */
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  cancelledAt: Date | null;
  cancelSource: string | null;
  cancelReason: string | null;
  cancelReasonText: string | null;
  cancelledBy: string | null;
  /** When access / billing ends after a cancellation. */
  billingEndsAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Invoice {
  id: string;
  number: string;
  subscriptionId: string;
  accountId: string | null;
  status: InvoiceStatus;
  amountMinor: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date;
  paidAt: Date | null;
  voidedAt: Date | null;
}

export interface PublishedProduct {
  id: string;
  storeId: string;
  /** The platform's id: Shopify product GID or WooCommerce product id. */
  platformProductId: string;
  title: string;
  handle: string | null;
  sku: string | null;
  status: string;
  adminUrl: string | null;
  storefrontUrl: string | null;
  description: string | null;
  imageUrls: string[];
  publishedAt: Date;
  removedAt: Date | null;
}

/** A lifecycle event as received, recorded once per sender delivery id. */
export interface LifecycleEvent {
  id: string;
  /** Sender channel: `shopify`, `wp_bridge`, `woocommerce`, `dashboard`, `system`. */
  channel: string;
  /** The sender's delivery id (X-Shopify-Webhook-Id, bridge event id, …): unique per channel. */
  deliveryId: string;
  storeId: string | null;
  source: LifecycleSource | string;
  topic: string;
  triggeredAt: Date | null;
  receivedAt: Date;
  payload: unknown;
  /** What the event did: `pending`, `applied`, `ignored_stale`, `ignored_duplicate`, `rejected`. */
  outcome: string;
  outcomeReason: string | null;
  correlationId: string | null;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actorType: 'merchant' | 'team' | 'system' | 'platform';
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  correlationId: string | null;
}
