/**
 * Ports of the dropship team's tools: team members and their sessions, and the
 * read-only queries behind the lifecycle view and the metrics.
 */
import type { Platform, Store, StoreState } from '../model';
import type { SubscriptionRecord } from './repositories';

// ---------------------------------------------------------------- team members

export const TeamRoles = {
  /** Sees everything; changes nothing. */
  viewer: 'viewer',
  /** Also retries jobs and marks billing requests handled. */
  operator: 'operator',
} as const;
export type TeamRole = (typeof TeamRoles)[keyof typeof TeamRoles];

export function isTeamRole(value: unknown): value is TeamRole {
  return value === TeamRoles.viewer || value === TeamRoles.operator;
}

export interface TeamMember {
  id: string;
  /** Lower-cased. */
  email: string;
  role: TeamRole;
  /** `scrypt$…` (see the server's password hashing); never leaves the server. */
  passwordHash: string;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateTeamMemberParams {
  email: string;
  role: TeamRole;
  passwordHash: string;
  createdAt?: Date;
}

export type TeamMemberPatch = Partial<Pick<TeamMember, 'role' | 'passwordHash' | 'disabledAt'>>;

/** A signed-in team member's session, shared by every server process through the database. */
export interface TeamSession {
  /** SHA-256 of the cookie token: a leaked table does not hand out sessions. */
  tokenHash: string;
  memberId: string;
  /** The synchronizer token every operator action must echo. */
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface TeamRepository {
  /** Throws CONFLICT when the e-mail is taken. */
  create(params: CreateTeamMemberParams): Promise<TeamMember>;
  findById(id: string): Promise<TeamMember | null>;
  findByEmail(email: string): Promise<TeamMember | null>;
  list(): Promise<TeamMember[]>;
  update(id: string, patch: TeamMemberPatch): Promise<TeamMember | null>;
  createSession(session: TeamSession): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  findSession(tokenHash: string, now: Date): Promise<TeamSession | null>;
  deleteSession(tokenHash: string): Promise<boolean>;
  /** Removes sessions expired at `now`; returns how many. */
  deleteExpiredSessions(now: Date): Promise<number>;
}

// ---------------------------------------------------------------- ops queries

export interface DisconnectCount {
  platform: Platform;
  /** The store's disconnect source (`shopify_uninstall`, `wp_deleted`, …). */
  source: string;
  count: number;
}

export interface ListDisconnectedStoresParams {
  /** Stores whose disconnect started at or after this time. */
  since: Date;
  limit: number;
}

/** A subscription with its store, for the team's billing lists. */
export interface StoreSubscription {
  store: Store;
  subscription: SubscriptionRecord;
}

export interface CancellationCount {
  provider: string;
  /** The cancellation reason code, or `unknown` when none was given (e.g. cancelled by Shopify). */
  reason: string;
  count: number;
}

export interface LifecycleEventCount {
  channel: string;
  source: string;
  outcome: string;
  count: number;
}

export interface StoreStateCount {
  platform: Platform;
  state: StoreState;
  count: number;
}

/** Read-only aggregates over the database; every server process answers the same. */
export interface OpsQueryRepository {
  /** Stores that are disconnecting, disconnected or redacted since `since`, by platform and source. */
  countDisconnectsSince(since: Date): Promise<DisconnectCount[]>;
  /** Newest disconnect first. */
  listDisconnectedStores(params: ListDisconnectedStoresParams): Promise<Store[]>;
  /** Disconnected WooCommerce stores whose platform subscription still bills. */
  countStillBilledAfterDisconnect(): Promise<number>;
  /** Subscriptions that end at their period end (pending cancellation), soonest end first. */
  listPendingCancellations(limit: number): Promise<StoreSubscription[]>;
  countCancellationsByReason(): Promise<CancellationCount[]>;
  countLifecycleEvents(): Promise<LifecycleEventCount[]>;
  countStoresByState(): Promise<StoreStateCount[]>;
}
