/** Shapes of the merchant JSON API, as written in docs/api.md. Dates are ISO 8601 strings. */

export type Platform = 'shopify' | 'woocommerce';
export type StoreState = 'connected' | 'disconnecting' | 'disconnected' | 'redacted';
export type SubscriptionProvider = 'shopify' | 'platform';
export type SubscriptionStatus =
  'trial' | 'active' | 'pending_cancellation' | 'cancelled' | 'expired' | 'frozen';

export const CancellationReasons = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
] as const;
export type CancellationReason = (typeof CancellationReasons)[number];
export type CancellationMode = 'immediate' | 'period_end';

/** Longest free-text reason the server keeps. */
export const CANCELLATION_TEXT_MAX_LENGTH = 1000;

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Subscription {
  id: string;
  provider: SubscriptionProvider;
  planName: string;
  price: Money;
  status: SubscriptionStatus;
  currentPeriodEnd: string | null;
  nextChargeAt: string | null;
  billingEndsAt: string | null;
  cancelAtPeriodEnd: boolean;
  cancelReason: string | null;
  stillBilled: boolean;
}

export interface StoreSummary {
  id: string;
  platform: Platform;
  domain: string;
  state: StoreState;
  automationEnabled: boolean;
  disconnectedAt: string | null;
  disconnectSource: string | null;
  subscription: Subscription | null;
  productsLeft: { total: number; removed: number };
  pendingOrders: { count: number };
}

export interface Me {
  account: { id: string; email: string | null; name: string | null; status: string };
  mode: 'embedded' | 'account';
  locale: 'en' | 'fr';
  csrfToken: string | null;
  shop?: string;
}

export interface PendingOrder {
  id: string;
  platformOrderId: string;
  name: string;
  createdAt: string;
  status: string;
  adminUrl: string | null;
}

export const ChecklistItems = ['pendingOrders', 'exportProducts', 'billingEndDate', 'informTeam'] as const;
export type ChecklistItem = (typeof ChecklistItems)[number];

export interface Checklist {
  items: Record<ChecklistItem, boolean>;
  teamEmails: string[];
  billingCycleEndsAt: string | null;
}

export interface ProductLeft {
  id: string;
  platformProductId: string;
  title: string;
  handle: string | null;
  sku: string | null;
  adminUrl: string | null;
  storefrontUrl: string | null;
  publishedAt: string | null;
  removedAt: string | null;
}

export interface ProductsLeftPage {
  items: ProductLeft[];
  nextCursor: string | null;
  total: number;
  removed: number;
}

export interface CancelSubscriptionParams {
  mode: CancellationMode;
  reason: CancellationReason;
  reasonText?: string;
}

export interface CancellationResult {
  outcome: 'cancelled' | 'scheduled';
  message: string;
  endsAt: string | null;
  invoice: null | { number: string; status: string; voided: boolean };
  billingTeamRequest: null | { id: string; kind: 'invoice_adjustment'; invoiceNumber: string };
}

export interface CancelSubscriptionResult {
  subscription: Subscription;
  result: CancellationResult;
}

export type AccountAlternative = 'suspend' | 'anonymise';

export interface AccountDeletionInfo {
  canDelete: boolean;
  invoiceCount: number;
  alternatives: AccountAlternative[];
}

export type AccountAction = 'delete' | 'suspend' | 'anonymise';
export type AccountActionOutcome = 'deleted' | 'suspended' | 'anonymised';

/** The exact words the account endpoints require as confirmation. */
export const ACCOUNT_CONFIRMATION = 'Yes, I am sure';
