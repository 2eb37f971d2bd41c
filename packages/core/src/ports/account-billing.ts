/**
 * Persistence ports of the account area and of platform billing: owner
 * credentials and sessions, requests for the billing team, the per-store
 * disconnect checklist, rate-limit counters, and the
 * erasure of an account's personal data.
 */

// ---------------------------------------------------------------- owner credentials

export interface AccountCredentialRepository {
  /** Stores (or replaces) the password hash (`scrypt$…`) of the account. */
  setPasswordHash(accountId: string, passwordHash: string, at: Date): Promise<void>;
  getPasswordHash(accountId: string): Promise<string | null>;
  delete(accountId: string): Promise<boolean>;
}

// ---------------------------------------------------------------- owner sessions

/** How an owner session was opened: a plugin link, a password, a magic link. */
export type OwnerSessionMethod = 'plugin_link' | 'password' | 'magic_link';

/** A signed-in account owner, kept server-side so any server process can serve it. */
export interface OwnerSession {
  id: string;
  accountId: string;
  /** Sent back on every non-GET request (X-CSRF-Token). */
  csrfToken: string;
  method: OwnerSessionMethod;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface CreateOwnerSessionParams {
  /** SHA-256 (hex) of the cookie token: the token itself is never stored. */
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  method: OwnerSessionMethod;
  createdAt: Date;
  expiresAt: Date;
  ip?: string | null;
  userAgent?: string | null;
}

export interface OwnerSessionRepository {
  create(params: CreateOwnerSessionParams): Promise<OwnerSession>;
  /** The session whose token hashes to `tokenHash`, if it has not expired at `now`. */
  findActive(tokenHash: string, now: Date): Promise<OwnerSession | null>;
  deleteByTokenHash(tokenHash: string): Promise<boolean>;
  deleteByAccount(accountId: string): Promise<number>;
}

// ---------------------------------------------------------------- billing team requests

export const BillingRequestKinds = { invoiceAdjustment: 'invoice_adjustment', refund: 'refund' } as const;
export type BillingRequestKind = (typeof BillingRequestKinds)[keyof typeof BillingRequestKinds];

export const BillingRequestStatuses = { open: 'open', done: 'done', rejected: 'rejected' } as const;
export type BillingRequestStatus = (typeof BillingRequestStatuses)[keyof typeof BillingRequestStatuses];

/** Work for the billing team: adjust an invoice a cancellation could not void, or decide a refund. */
export interface BillingRequest {
  id: string;
  kind: BillingRequestKind;
  /** One request per key: a retried cancellation or refund request finds the first one. */
  idempotencyKey: string;
  accountId: string | null;
  subscriptionId: string;
  invoiceNumber: string | null;
  status: BillingRequestStatus;
  message: string;
  /** `merchant:<accountId>`, `team:<memberId>`, `system`. */
  requestedBy: string;
  createdAt: Date;
}

export type CreateBillingRequestParams = Omit<BillingRequest, 'id' | 'status'>;

export type CreateBillingRequestResult =
  { inserted: true; request: BillingRequest } | { inserted: false; existing: BillingRequest };

export interface BillingRequestRepository {
  createOnce(params: CreateBillingRequestParams): Promise<CreateBillingRequestResult>;
  findById(id: string): Promise<BillingRequest | null>;
  /** Oldest first. */
  listBySubscription(subscriptionId: string): Promise<BillingRequest[]>;
  /** Oldest first; the billing team's queue. */
  listByStatus(status: BillingRequestStatus, limit: number): Promise<BillingRequest[]>;
  setStatus(id: string, status: BillingRequestStatus): Promise<boolean>;
}

// ---------------------------------------------------------------- billed periods

/** The ledger of periods already billed: the renewal's guard against billing one period twice. */
export interface BilledPeriodRepository {
  /** Claims (subscription, period start); true only for the first caller, even under concurrent renewals. */
  claim(subscriptionId: string, periodStart: Date, at: Date): Promise<boolean>;
}

// ---------------------------------------------------------------- disconnect checklist

export const ChecklistItemNames = [
  'pendingOrders',
  'exportProducts',
  'billingEndDate',
  'informTeam',
] as const;
export type ChecklistItemName = (typeof ChecklistItemNames)[number];

/** The "before you disconnect" checklist of one store. */
export interface StoreChecklist {
  storeId: string;
  items: Record<ChecklistItemName, boolean>;
  /** Addresses the team notice was sent to. */
  teamEmails: string[];
  updatedAt: Date | null;
}

export interface StoreChecklistRepository {
  /** The store's checklist; every item false when nothing was saved yet. */
  get(storeId: string): Promise<StoreChecklist>;
  setItem(storeId: string, item: ChecklistItemName, done: boolean, at: Date): Promise<StoreChecklist>;
  /** Adds addresses (deduplicated) to the team list. */
  addTeamEmails(storeId: string, emails: readonly string[], at: Date): Promise<StoreChecklist>;
}

// ---------------------------------------------------------------- rate limits

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  windowEndsAt: Date;
}

/** Fixed-window counters shared by every server process. */
export interface RateLimitRepository {
  /** Counts one hit on `key`; a window that ended starts again at `now`. */
  hit(key: string, windowMs: number, now: Date): Promise<RateLimitHit>;
  reset(key: string): Promise<void>;
}

// ---------------------------------------------------------------- personal data erasure

export interface EraseOwnerDataParams {
  accountId: string;
  /** The address messages were sent to, erased from the outbox. */
  email: string | null;
  storeIds: readonly string[];
}

export interface EraseOwnerDataResult {
  outboxMessages: number;
  auditEntries: number;
  stores: number;
}

/**
 * Erases what identifies a person around an account (sign-in data, sessions,
 * mail sent to them, request origins in the audit log, store contact e-mails,
 * cancellation free text). Billing records themselves (invoices) are kept.
 */
export interface AccountErasureRepository {
  eraseOwnerData(params: EraseOwnerDataParams): Promise<EraseOwnerDataResult>;
}
