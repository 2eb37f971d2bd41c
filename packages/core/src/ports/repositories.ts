/**
 * Persistence ports: what the use-cases need from storage, in domain types.
 * Implementations (SQL, in @dropship/storage) encrypt credentials themselves:
 * callers always pass and receive plaintext.
 */
import type {
  Account,
  AccountStatus,
  AuditEntry,
  Invoice,
  InvoiceStatus,
  LifecycleEvent,
  LifecycleSource,
  Platform,
  PublishedProduct,
  Store,
  StoreState,
  Subscription,
  SubscriptionProvider,
  SubscriptionStatus,
} from '../model';
import type { OpsQueryRepository, TeamRepository } from './ops';
import type {
  AccountCredentialRepository,
  AccountErasureRepository,
  BilledPeriodRepository,
  BillingRequestRepository,
  OwnerSessionRepository,
  RateLimitRepository,
  StoreChecklistRepository,
} from './account-billing';
import type { BridgeRepositorySet } from './bridge-repositories';

export * from './bridge-repositories';

// ---------------------------------------------------------------- accounts

export interface CreateAccountParams {
  email?: string | null;
  name?: string | null;
  status?: AccountStatus;
}

export type AccountPatch = Partial<Pick<Account, 'email' | 'name' | 'status'>>;

export interface AccountRepository {
  create(params: CreateAccountParams): Promise<Account>;
  findById(id: string): Promise<Account | null>;
  findByEmail(email: string): Promise<Account | null>;
  /** Returns the updated account, or null when it does not exist. */
  update(id: string, patch: AccountPatch): Promise<Account | null>;
  /** Hard delete; callers check the retention rules (no invoices) first. */
  delete(id: string): Promise<boolean>;
}

// ---------------------------------------------------------------- stores

export interface CreateStoreParams {
  accountId?: string | null;
  platform: Platform;
  domain: string;
  state?: StoreState;
  installedAt?: Date | null;
  automationEnabled?: boolean;
}

export type StorePatch = Partial<
  Pick<
    Store,
    'accountId' | 'state' | 'installedAt' | 'disconnectedAt' | 'disconnectSource' | 'automationEnabled'
  >
>;

/** Connection data of a store. Secrets are plaintext here and encrypted at rest. */
export interface StoreCredentials {
  siteSecret: string | null;
  wcConsumerKey: string | null;
  wcConsumerSecret: string | null;
  contactEmail: string | null;
  locale: string | null;
  heartbeatAt: Date | null;
  /** Shopify's numeric shop id, kept after uninstall for redaction requests. */
  shopId: string | null;
}

/** A store with where to write to its owner: no secret in it, so nothing is decrypted to read it. */
export interface StoreContact {
  store: Store;
  contactEmail: string | null;
  locale: string | null;
}

export interface StoreRepository {
  create(params: CreateStoreParams): Promise<Store>;
  findById(id: string): Promise<Store | null>;
  findByDomain(platform: Platform, domain: string): Promise<Store | null>;
  listByAccount(accountId: string): Promise<Store[]>;
  update(id: string, patch: StorePatch): Promise<Store | null>;
  /** Applies `patch` only while the store is still in `expectedState`; false when it moved on (or does not exist). */
  updateIf(id: string, expectedState: StoreState, patch: StorePatch): Promise<boolean>;
  /** `updateIf` of these stores with one patch, in one statement: answers the ids it applied to. */
  updateManyIf(ids: readonly string[], expectedState: StoreState, patch: StorePatch): Promise<string[]>;
  setAutomation(id: string, enabled: boolean): Promise<boolean>;
  /** The stores of a platform with these domains, in no particular order (one statement). */
  findByDomains(platform: Platform, domains: readonly string[]): Promise<Store[]>;
  getCredentials(id: string): Promise<StoreCredentials | null>;
  /** The store and its contact details in one read, without its secrets (notices, owner messages). */
  getContact(id: string): Promise<StoreContact | null>;
  /** `getContact` of these stores, in one query, in no particular order. */
  getContacts(ids: readonly string[]): Promise<StoreContact[]>;
  /** The stores with these ids and their decrypted site secrets (WooCommerce), in one query, in no particular order. */
  findWithSiteSecrets(ids: readonly string[]): Promise<Array<{ store: Store; siteSecret: string | null }>>;
  /** The stores with these ids, in one query, in no particular order. */
  findByIds(ids: readonly string[]): Promise<Store[]>;
  /** Writes only the given fields; `null` clears one. */
  setCredentials(id: string, patch: Partial<StoreCredentials>): Promise<boolean>;
  /** Connected stores of a platform whose last heartbeat is older than `before` (never-seen stores excluded). */
  listHeartbeatOlderThan(platform: Platform, before: Date, limit: number): Promise<Store[]>;
}

// ---------------------------------------------------------------- Shopify sessions

/** A Shopify OAuth session as stored; mirrors the fields of @shopify/shopify-api `Session`. */
export interface ShopifySessionRecord {
  id: string;
  shop: string;
  state: string;
  isOnline: boolean;
  scope: string | null;
  expires: Date | null;
  accessToken: string | null;
  onlineAccessInfo: unknown;
}

export interface ShopifySessionRepository {
  /** Insert or replace by id. */
  store(session: ShopifySessionRecord): Promise<void>;
  load(id: string): Promise<ShopifySessionRecord | null>;
  delete(id: string): Promise<boolean>;
  deleteMany(ids: readonly string[]): Promise<number>;
  deleteByShop(shop: string): Promise<number>;
  /** `deleteByShop` of these shops in one statement: answers the shop of each session deleted. */
  deleteByShops(shops: readonly string[]): Promise<string[]>;
  findByShop(shop: string): Promise<ShopifySessionRecord[]>;
}

// ---------------------------------------------------------------- subscriptions

export type SubscriptionInterval = 'month' | 'year';

/** A subscription with the billing-cycle data the platform needs to renew it. */
export interface SubscriptionRecord extends Subscription {
  /** Day of month (1–31) the cycle renews on; null for provider-billed subscriptions. */
  anchorDay: number | null;
  interval: SubscriptionInterval;
}

export interface CreateSubscriptionParams {
  storeId: string;
  accountId?: string | null;
  provider: SubscriptionProvider;
  externalId?: string | null;
  planName: string;
  priceMinor: number;
  currency: string;
  status: SubscriptionStatus;
  trialEndsAt?: Date | null;
  currentPeriodStart?: Date | null;
  currentPeriodEnd?: Date | null;
  anchorDay?: number | null;
  interval?: SubscriptionInterval;
}

export type SubscriptionPatch = Partial<
  Omit<SubscriptionRecord, 'id' | 'storeId' | 'provider' | 'createdAt' | 'updatedAt'>
>;

/** One conditional update of `updateManyIf`. */
export interface SubscriptionChange {
  id: string;
  expectedStatus: SubscriptionStatus;
  patch: SubscriptionPatch;
}

/** A store that is disconnected while a platform subscription still bills it. */
export interface StillBilledStore {
  store: Store;
  subscription: SubscriptionRecord;
}

export interface SubscriptionRepository {
  create(params: CreateSubscriptionParams): Promise<SubscriptionRecord>;
  findById(id: string): Promise<SubscriptionRecord | null>;
  findByExternalId(provider: SubscriptionProvider, externalId: string): Promise<SubscriptionRecord | null>;
  /** The store's most recent subscription. */
  findLatestByStore(storeId: string): Promise<SubscriptionRecord | null>;
  listByStore(storeId: string): Promise<SubscriptionRecord[]>;
  /** listByStore for many stores in one query, in no particular order. */
  listByStores(storeIds: readonly string[]): Promise<SubscriptionRecord[]>;
  update(id: string, patch: SubscriptionPatch): Promise<SubscriptionRecord | null>;
  /** Applies `patch` only while the status is still `expectedStatus`. */
  updateIf(id: string, expectedStatus: SubscriptionStatus, patch: SubscriptionPatch): Promise<boolean>;
  /** `updateIf` of many subscriptions, each with its own patch, in one statement per patch shape: answers the ids it applied to. */
  updateManyIf(changes: readonly SubscriptionChange[]): Promise<string[]>;
  /** Platform subscriptions in `statuses` whose current period ends at or before `before`. */
  listPeriodEndingBefore(
    before: Date,
    statuses: readonly SubscriptionStatus[],
    limit: number,
  ): Promise<SubscriptionRecord[]>;
  listStillBilledAfterDisconnect(limit: number): Promise<StillBilledStore[]>;
}

// ---------------------------------------------------------------- invoices

export interface CreateInvoiceParams {
  /** Allocated from the invoice sequence when omitted. */
  number?: string;
  subscriptionId: string;
  accountId?: string | null;
  status: InvoiceStatus;
  amountMinor: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  issuedAt?: Date;
}

export type InvoicePatch = Partial<Pick<Invoice, 'status' | 'paidAt' | 'voidedAt' | 'accountId'>>;

export interface InvoiceRepository {
  /** Next number of the invoice sequence (`INV-000001`, …); never handed out twice, even across processes. */
  allocateNumber(): Promise<string>;
  create(params: CreateInvoiceParams): Promise<Invoice>;
  findById(id: string): Promise<Invoice | null>;
  findByNumber(number: string): Promise<Invoice | null>;
  listBySubscription(subscriptionId: string): Promise<Invoice[]>;
  listByStatus(subscriptionId: string, status: InvoiceStatus): Promise<Invoice[]>;
  countByAccount(accountId: string): Promise<number>;
  /** Applies `patch` only while the status is still `expectedStatus`. */
  updateIf(id: string, expectedStatus: InvoiceStatus, patch: InvoicePatch): Promise<boolean>;
}

// ---------------------------------------------------------------- published products

export interface UpsertPublishedProductParams {
  storeId: string;
  platformProductId: string;
  title: string;
  handle?: string | null;
  sku?: string | null;
  status: string;
  adminUrl?: string | null;
  storefrontUrl?: string | null;
  description?: string | null;
  imageUrls?: readonly string[];
  publishedAt: Date;
}

export interface ProductPageParams {
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | null;
  limit: number;
  /** Case-insensitive match on title, handle or SKU. */
  search?: string | null;
  /** Removed products are left out unless asked for. */
  includeRemoved?: boolean;
}

export interface ProductPageResult {
  items: PublishedProduct[];
  nextCursor: string | null;
}

export interface ProductStreamOptions {
  batchSize?: number;
  includeRemoved?: boolean;
  /** Leaves descriptions and image URLs out (null / empty): lighter rows for lists that do not show them. */
  withoutContent?: boolean;
}

export interface PublishedProductRepository {
  /** Inserts or refreshes by (storeId, platformProductId); republishing clears `removedAt`. */
  upsert(params: UpsertPublishedProductParams): Promise<PublishedProduct>;
  findByPlatformId(storeId: string, platformProductId: string): Promise<PublishedProduct | null>;
  markRemoved(storeId: string, platformProductId: string, at: Date): Promise<boolean>;
  countByStore(storeId: string, options?: { includeRemoved?: boolean }): Promise<number>;
  /** The products still published on each of these stores that has any, in one query. */
  countByStores(storeIds: readonly string[]): Promise<Array<{ storeId: string; count: number }>>;
  /** Keyset pagination ordered by (publishedAt, id). */
  page(storeId: string, params: ProductPageParams): Promise<ProductPageResult>;
  /** Every product of the store in (publishedAt, id) order, read in batches. */
  stream(storeId: string, options?: ProductStreamOptions): AsyncIterable<PublishedProduct>;
  /** A product of the store still published (not removed) with this SKU; the oldest when several share it. */
  findBySku(storeId: string, sku: string): Promise<PublishedProduct | null>;
}

// ---------------------------------------------------------------- lifecycle events

export interface RecordLifecycleEventParams {
  channel: string;
  deliveryId: string;
  storeId?: string | null;
  source: LifecycleSource | string;
  topic: string;
  triggeredAt?: Date | null;
  receivedAt?: Date;
  payload: unknown;
  outcome?: string;
  outcomeReason?: string | null;
  correlationId?: string | null;
}

export type RecordLifecycleEventResult =
  { inserted: true; event: LifecycleEvent } | { inserted: false; existing: LifecycleEvent };

export interface RecordAndDisconnectParams extends RecordLifecycleEventParams {
  /**
   * Set when this event, if it is new, begins its store's disconnect
   * (`storeId` must be set): the store, if still `connected` and not
   * installed after `at` (see isStaleDisconnect), moves to `disconnecting`
   * with its gate closed, `disconnectedAt` = `at` and this source.
   */
  disconnect?: { at: Date; source: LifecycleSource };
}

export interface RecordAndDisconnectResult {
  /** One per params, in order, as recordMany. */
  results: RecordLifecycleEventResult[];
  /** The stores that left `connected`. */
  moved: string[];
}

export interface ListLifecycleEventsParams {
  storeId?: string;
  outcome?: string;
  /** Events received strictly before this time (page backwards). */
  before?: Date;
  limit: number;
}

/** What re-queueing an event's job needs: its event without the payload. */
export type PendingLifecycleEvent = Pick<
  LifecycleEvent,
  'id' | 'source' | 'triggeredAt' | 'receivedAt' | 'correlationId'
> & { storeId: string };

/** A position in (receivedAt, id) order. */
export interface PendingEventCursor {
  receivedAt: Date;
  id: string;
}

export interface ListPendingEventsParams {
  receivedBefore: Date;
  after?: PendingEventCursor;
  limit: number;
}

export interface LifecycleEventRepository {
  /** Records the event once per (channel, deliveryId); a repeat returns the first one. */
  record(params: RecordLifecycleEventParams): Promise<RecordLifecycleEventResult>;
  /** `record` for many events in one insert; one result per params, in order (a repeat within the list is a repeat). */
  recordMany(params: readonly RecordLifecycleEventParams[]): Promise<RecordLifecycleEventResult[]>;
  /**
   * recordMany, then the disconnects that the new events carry (the first of
   * a store wins), as one atomic step. On PostgreSQL it is one statement: one
   * round trip per batch of deliveries.
   */
  recordAndBeginDisconnects(params: readonly RecordAndDisconnectParams[]): Promise<RecordAndDisconnectResult>;
  findById(id: string): Promise<LifecycleEvent | null>;
  /** The events of these ids that exist, in no particular order: one query for many concurrent jobs. */
  findByIds(ids: readonly string[]): Promise<LifecycleEvent[]>;
  findByDelivery(channel: string, deliveryId: string): Promise<LifecycleEvent | null>;
  /**
   * Events still waiting for their job (outcome `pending`, with a store),
   * received before `receivedBefore`, oldest first, after `after` in
   * (receivedAt, id) order: one page of the recovery sweep. Without payloads.
   */
  listPending(params: ListPendingEventsParams): Promise<PendingLifecycleEvent[]>;
  setOutcome(id: string, outcome: string, reason: string | null): Promise<boolean>;
  /** `setOutcome` of these events with one outcome and reason, in one statement: answers the ids it found. */
  setOutcomes(ids: readonly string[], outcome: string, reason: string | null): Promise<string[]>;
  /** Newest first. */
  list(params: ListLifecycleEventsParams): Promise<LifecycleEvent[]>;
}

// ---------------------------------------------------------------- audit

export type AppendAuditParams = Omit<
  AuditEntry,
  'id' | 'at' | 'actorId' | 'entityId' | 'details' | 'correlationId'
> &
  Partial<Pick<AuditEntry, 'at' | 'actorId' | 'entityId' | 'details' | 'correlationId'>>;

export interface AuditRepository {
  append(params: AppendAuditParams): Promise<AuditEntry>;
  /** Newest first. */
  listByEntity(entityType: string, entityId: string, limit?: number): Promise<AuditEntry[]>;
}

// ---------------------------------------------------------------- orders

/** A store order as received from the platform. */
export interface OrderRecord {
  id: string;
  storeId: string;
  platformOrderId: string;
  /** `pending` until handled; then `placed`, `skipped`, `failed` or `cancelled`. */
  status: string;
  containsPlatformProducts: boolean;
  payload: unknown;
  receivedAt: Date;
  updatedAt: Date;
}

export interface SaveOrderParams {
  storeId: string;
  platformOrderId: string;
  status?: string;
  containsPlatformProducts: boolean;
  payload: unknown;
  receivedAt?: Date;
}

export type SaveOrderResult =
  { inserted: true; order: OrderRecord } | { inserted: false; existing: OrderRecord };

export interface OrderRepository {
  /** Records the order once per (storeId, platformOrderId). */
  saveOnce(params: SaveOrderParams): Promise<SaveOrderResult>;
  findById(id: string): Promise<OrderRecord | null>;
  findByPlatformId(storeId: string, platformOrderId: string): Promise<OrderRecord | null>;
  setStatus(id: string, status: string): Promise<boolean>;
  /** Oldest first. */
  listByStatus(storeId: string, status: string, limit: number): Promise<OrderRecord[]>;
  countByStatus(storeId: string, status: string): Promise<number>;
  /** `countByStatus` of these stores, in one query; a store without such an order is left out. */
  countByStatusForStores(
    storeIds: readonly string[],
    status: string,
  ): Promise<Array<{ storeId: string; count: number }>>;
  /** Sets `status` only while the order is still in `expectedStatus`; false when it moved on. */
  setStatusIf(id: string, expectedStatus: string, status: string): Promise<boolean>;
  /** Erases the personal data of every order of the store (payloads); returns how many were erased. */
  redactByStore(storeId: string): Promise<number>;
  /** Erases the payloads (personal data) of these orders of the store; returns how many were erased. */
  redactByPlatformIds(storeId: string, platformOrderIds: readonly string[]): Promise<number>;
}

/** An order placed at the supplier for a store order. */
export interface SupplierOrderRecord {
  id: string;
  storeId: string;
  platformOrderId: string;
  supplierOrderId: string | null;
  lines: unknown[];
  /** `placing`, `placed`, `failed`, `cancelled`. */
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateSupplierOrderParams {
  storeId: string;
  platformOrderId: string;
  lines: readonly unknown[];
  status?: string;
  supplierOrderId?: string | null;
}

export type CreateSupplierOrderResult =
  { created: true; supplierOrder: SupplierOrderRecord } | { created: false; existing: SupplierOrderRecord };

export type SupplierOrderPatch = Partial<Pick<SupplierOrderRecord, 'supplierOrderId' | 'status'>>;

export interface SupplierOrderRepository {
  /** Creates the supplier order once per (storeId, platformOrderId): the idempotency key of placing an order. */
  createOnce(params: CreateSupplierOrderParams): Promise<CreateSupplierOrderResult>;
  findByOrderKey(storeId: string, platformOrderId: string): Promise<SupplierOrderRecord | null>;
  update(id: string, patch: SupplierOrderPatch): Promise<SupplierOrderRecord | null>;
  listByStore(storeId: string, limit: number): Promise<SupplierOrderRecord[]>;
  /** The store's supplier orders in `status`, oldest first. */
  listByStatus(storeId: string, status: string, limit: number): Promise<SupplierOrderRecord[]>;
}

// ---------------------------------------------------------------- built-in supplier

/** A supplier order recorded for the dropship team to place by hand (the built-in supplier). */
export interface TeamSupplierOrderRecord {
  id: string;
  storeId: string;
  platformOrderId: string;
  lines: unknown[];
  /** `to_place` until the team placed it. */
  status: string;
  createdAt: Date;
}

export interface RecordTeamSupplierOrderParams {
  storeId: string;
  platformOrderId: string;
  lines: readonly unknown[];
}

export type RecordTeamSupplierOrderResult =
  { created: true; record: TeamSupplierOrderRecord } | { created: false; existing: TeamSupplierOrderRecord };

export interface TeamSupplierOrderRepository {
  /** Records the order once per (storeId, platformOrderId). */
  recordOnce(params: RecordTeamSupplierOrderParams): Promise<RecordTeamSupplierOrderResult>;
  countByStore(storeId: string): Promise<number>;
  /** Oldest first. */
  listByStore(storeId: string, limit: number): Promise<TeamSupplierOrderRecord[]>;
}

// ---------------------------------------------------------------- outbox

export const OutboxStatuses = { queued: 'queued', sent: 'sent', failed: 'failed' } as const;
export type OutboxStatus = (typeof OutboxStatuses)[keyof typeof OutboxStatuses];

/** One e-mail as written to the outbox; the transport sends queued ones. */
export interface OutboxMessage {
  id: string;
  /** One message per key (`products_left.<eventId>`): a re-run never writes it twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  tags: string[];
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** The transport's message id once sent. */
  transportId: string | null;
}

export interface EnqueueOutboxParams {
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  tags: readonly string[];
  createdAt?: Date;
}

export type EnqueueOutboxResult =
  { inserted: true; message: OutboxMessage } | { inserted: false; existing: OutboxMessage };

export interface ListOutboxParams {
  status?: OutboxStatus;
  to?: string;
  /** Messages carrying this tag. */
  tag?: string;
  limit: number;
}

export interface OutboxRepository {
  enqueueOnce(params: EnqueueOutboxParams): Promise<EnqueueOutboxResult>;
  /** `enqueueOnce` for many messages in one insert; one result per params, in order (a key repeated in the list is a repeat). */
  enqueueManyOnce(list: readonly EnqueueOutboxParams[]): Promise<EnqueueOutboxResult[]>;
  findById(id: string): Promise<OutboxMessage | null>;
  findByKey(idempotencyKey: string): Promise<OutboxMessage | null>;
  /** Oldest first. */
  list(params: ListOutboxParams): Promise<OutboxMessage[]>;
  /** Marks a not-yet-sent message sent; false when it was already sent. */
  markSent(id: string, at: Date, transportId: string | null): Promise<boolean>;
  /** Records a failed delivery attempt; the message stays deliverable unless `final`. */
  markAttemptFailed(id: string, error: string, final: boolean): Promise<boolean>;
}

// ---------------------------------------------------------------- disconnect reports

/** An order that had not reached the supplier when its store disconnected. */
export interface PendingOrderSnapshot {
  platformOrderId: string;
  /** The number the merchant sees, when known. */
  name: string | null;
  receivedAt: Date;
  /** `not_placed`, or `in_progress` when a placement had started and may still finish. */
  placement: 'not_placed' | 'in_progress';
}

/** The billing sentence of a disconnect report. */
export type DisconnectBillingLine =
  | { kind: 'ended_by_shopify'; accessUntil: Date | null }
  | { kind: 'platform_still_active'; planName: string; currentPeriodEnd: Date | null }
  | { kind: 'none' };

/** What a disconnect left behind, frozen when the disconnect was processed. */
export interface DisconnectReport {
  id: string;
  storeId: string;
  /** The lifecycle event that disconnected the store: one report per event. */
  eventId: string;
  source: string;
  productsCount: number;
  pendingOrders: PendingOrderSnapshot[];
  /** Pending orders in total (the snapshot lists at most a bounded number). */
  pendingOrdersCount: number;
  billing: DisconnectBillingLine;
  generatedAt: Date;
}

export type SaveDisconnectReportParams = Omit<DisconnectReport, 'id'>;

export type SaveDisconnectReportResult =
  { inserted: true; report: DisconnectReport } | { inserted: false; existing: DisconnectReport };

export interface DisconnectReportRepository {
  /** Saves the report once per event; a re-run gets the first one back. */
  saveOnce(params: SaveDisconnectReportParams): Promise<SaveDisconnectReportResult>;
  /** `saveOnce` of many reports in one insert, answered in order. */
  saveManyOnce(list: readonly SaveDisconnectReportParams[]): Promise<SaveDisconnectReportResult[]>;
  findByEvent(eventId: string): Promise<DisconnectReport | null>;
  /** The reports of these events that exist, in no particular order: one query for many concurrent jobs. */
  findByEvents(eventIds: readonly string[]): Promise<DisconnectReport[]>;
  /** The newest report of the store. */
  findLatestByStore(storeId: string): Promise<DisconnectReport | null>;
}

// ---------------------------------------------------------------- Shopify compliance requests

export const ComplianceRequestStatuses = { received: 'received', completed: 'completed' } as const;
export type ComplianceRequestStatus =
  (typeof ComplianceRequestStatuses)[keyof typeof ComplianceRequestStatuses];

/** A privacy request Shopify sent (customers/data_request, customers/redact, shop/redact), tracked to completion. */
export interface ComplianceRequest {
  id: string;
  shop: string;
  topic: string;
  /** X-Shopify-Webhook-Id: the same across retries. */
  webhookId: string;
  storeId: string | null;
  payload: unknown;
  status: ComplianceRequestStatus;
  /** What was assembled, erased and kept; set on completion. */
  result: unknown;
  /** The lifecycle event that carries out a shop redaction. */
  eventId: string | null;
  receivedAt: Date;
  completedAt: Date | null;
}

export interface RecordComplianceRequestParams {
  shop: string;
  topic: string;
  webhookId: string;
  storeId: string | null;
  payload: unknown;
  receivedAt: Date;
}

export type RecordComplianceRequestResult =
  { inserted: true; request: ComplianceRequest } | { inserted: false; existing: ComplianceRequest };

export interface CompleteComplianceRequestParams {
  at: Date;
  result: unknown;
  /** Replaces the stored payload (the request's own personal data, once it is no longer needed). */
  payload?: unknown;
}

export interface ComplianceRequestRepository {
  /** Records the request once per webhook id; a retry gets the first one back. */
  recordOnce(params: RecordComplianceRequestParams): Promise<RecordComplianceRequestResult>;
  findById(id: string): Promise<ComplianceRequest | null>;
  findByWebhookId(webhookId: string): Promise<ComplianceRequest | null>;
  setEvent(id: string, eventId: string): Promise<boolean>;
  /** Completes a request still `received`; false when it was already completed (or does not exist). */
  complete(id: string, params: CompleteComplianceRequestParams): Promise<boolean>;
  /** Completes the still-open requests carried out by a lifecycle event (a shop redaction's job); returns how many. */
  completeByEvent(eventId: string, params: CompleteComplianceRequestParams): Promise<number>;
  /** Newest first. */
  listByShop(shop: string, limit?: number): Promise<ComplianceRequest[]>;
}

// ---------------------------------------------------------------- all together

export interface RepositorySet extends BridgeRepositorySet {
  accounts: AccountRepository;
  stores: StoreRepository;
  shopifySessions: ShopifySessionRepository;
  subscriptions: SubscriptionRepository;
  invoices: InvoiceRepository;
  publishedProducts: PublishedProductRepository;
  lifecycleEvents: LifecycleEventRepository;
  audit: AuditRepository;
  orders: OrderRepository;
  supplierOrders: SupplierOrderRepository;
  teamSupplierOrders: TeamSupplierOrderRepository;
  outbox: OutboxRepository;
  disconnectReports: DisconnectReportRepository;
  /** The dropship team's members and sessions. */
  team: TeamRepository;
  /** Read-only aggregates for the lifecycle view and the metrics. */
  opsQueries: OpsQueryRepository;
  complianceRequests: ComplianceRequestRepository;
  accountCredentials: AccountCredentialRepository;
  ownerSessions: OwnerSessionRepository;
  billingRequests: BillingRequestRepository;
  storeChecklists: StoreChecklistRepository;
  rateLimits: RateLimitRepository;
  accountErasure: AccountErasureRepository;
  billedPeriods: BilledPeriodRepository;
}

export interface Repositories extends RepositorySet {
  /** Runs `fn` with repositories bound to one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}
