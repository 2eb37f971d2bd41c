/**
 * Persistence ports of the WordPress bridge and the WooCommerce connection:
 * pending key-flow connections, one-time connection codes, the bridge replay
 * guard, single-use login links, and each WooCommerce store's connection data.
 * Secrets (claim secrets, codes, tokens) cross these ports in plaintext; the
 * implementations store only their SHA-256 (or encrypt them, for secrets that
 * must be read back).
 */

// ---------------------------------------------------------------- key-flow connections

/** `connect`: a new site runs WooCommerce's key flow; `keys`: a connected site adds its REST keys. */
export type WpConnectionKind = 'connect' | 'keys';

/** A connection started by `POST /bridge/v1/connect/start` (or a signed keys request), until claimed. */
export interface WpConnection {
  id: string;
  kind: WpConnectionKind;
  siteUrl: string;
  adminEmail: string | null;
  returnUrl: string;
  /** The store the keys went to (set by the key callback; set from the start for `keys`). */
  storeId: string | null;
  /** The state expires at this time: a key callback after it is refused. */
  expiresAt: Date;
  keysReceivedAt: Date | null;
  claimedAt: Date | null;
  createdAt: Date;
}

/** The REST key WooCommerce's key flow delivered to the callback. Plaintext here, encrypted at rest. */
export interface WpConnectionKeys {
  keyId: number;
  keyPermissions: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface CreateWpConnectionParams {
  kind: WpConnectionKind;
  siteUrl: string;
  adminEmail?: string | null;
  returnUrl: string;
  storeId?: string | null;
  /** Plaintext; only its SHA-256 is stored. Null for `keys` connections (nothing to claim). */
  claimSecret: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export interface WpConnectionRepository {
  create(params: CreateWpConnectionParams): Promise<WpConnection>;
  findById(id: string): Promise<WpConnection | null>;
  /** Keeps the keys WooCommerce delivered for this unclaimed connection (a repeated flow replaces them). */
  markKeysReceived(id: string, keys: WpConnectionKeys, at: Date): Promise<boolean>;
  /**
   * Claims the connection once: the connection and its keys for the first caller
   * holding the right claim secret after the keys arrived; null when unknown,
   * wrong secret, no keys yet, or already claimed. The keys are erased from the row.
   */
  claim(
    id: string,
    claimSecret: string,
    at: Date,
  ): Promise<{ connection: WpConnection; keys: WpConnectionKeys } | null>;
  /** Deletes connections that expired before `before` and were never claimed; returns how many. */
  pruneExpired(before: Date): Promise<number>;
}

// ---------------------------------------------------------------- connection codes

/** A one-time code created in the account area and pasted into the plugin page. */
export interface ConnectionCode {
  id: string;
  accountId: string;
  expiresAt: Date;
  usedAt: Date | null;
  /** The store the code connected, once used. */
  storeId: string | null;
  createdAt: Date;
}

export interface CreateConnectionCodeParams {
  /** Plaintext as shown to the owner; stored as SHA-256 of the trimmed, upper-cased code. */
  code: string;
  accountId: string;
  expiresAt: Date;
  createdAt?: Date;
}

export interface ConnectionCodeRepository {
  create(params: CreateConnectionCodeParams): Promise<ConnectionCode>;
  /** The code's record (used or not, expired or not), or null when no such code was ever created. */
  findByCode(code: string): Promise<ConnectionCode | null>;
  /** Spends the code once: true only for the first caller, and only while unexpired at `at`. */
  consume(id: string, at: Date, storeId: string): Promise<boolean>;
  listByAccount(accountId: string, limit: number): Promise<ConnectionCode[]>;
}

// ---------------------------------------------------------------- replay guard

export interface BridgeNonce {
  siteId: string;
  eventId: string;
  receivedAt: Date;
}

/**
 * Remembers the event ids of signed bridge requests for as long as their
 * timestamps can pass the freshness check, so that a captured request cannot
 * be played again. Shared by every server process.
 */
export interface ReplayGuard {
  /** Remembers (siteId, eventId); false when it was already seen: a replay. */
  remember(nonce: BridgeNonce): Promise<boolean>;
}

// ---------------------------------------------------------------- login links

/** A single-use sign-in link created for a connected site's owner. */
export interface LoginToken {
  id: string;
  accountId: string;
  storeId: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export interface CreateLoginTokenParams {
  /** Plaintext as put in the link; only its SHA-256 is stored. */
  token: string;
  accountId: string;
  storeId?: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export interface LoginTokenRepository {
  create(params: CreateLoginTokenParams): Promise<LoginToken>;
  /** Uses the token once: its record when it was unused and unexpired at `at`, else null. */
  consume(token: string, at: Date): Promise<LoginToken | null>;
}

// ---------------------------------------------------------------- WooCommerce store data

/** How the platform reaches a WooCommerce store, beyond the stores row. Secrets in plaintext. */
export interface WooStoreLink {
  storeId: string;
  /** The WordPress home URL with its scheme, e.g. `https://shop.example.com/store`. */
  siteUrl: string;
  /** WooCommerce's key id of the platform's REST key, when the key flow delivered one. */
  keyId: number | null;
  keyPermissions: string | null;
  /** Signs the WooCommerce webhooks the platform registers on the store. */
  webhookSecret: string;
  /** Set when the store answered 401 to the stored keys: they were deleted (or their user was). */
  keysRevokedAt: Date | null;
  /** Remembered once the host was found to strip the Authorization header. */
  queryStringAuth: boolean;
  updatedAt: Date;
}

export interface SaveWooStoreLinkParams {
  storeId: string;
  siteUrl: string;
  keyId?: number | null;
  keyPermissions?: string | null;
  /** Kept when the link exists; required for a new one. */
  webhookSecret?: string;
  at: Date;
}

export interface WooStoreRepository {
  /** Inserts or updates the store's link; saving fresh keys clears `keysRevokedAt`. */
  save(params: SaveWooStoreLinkParams): Promise<WooStoreLink>;
  findByStore(storeId: string): Promise<WooStoreLink | null>;
  markKeysRevoked(storeId: string, at: Date): Promise<boolean>;
  setQueryStringAuth(storeId: string, on: boolean): Promise<boolean>;
  /** True when this delivery of the store was already handled. */
  hasWebhookDelivery(storeId: string, deliveryId: string): Promise<boolean>;
  /** Remembers a handled webhook delivery of the store; false when it was already recorded (a redelivery). */
  recordWebhookDelivery(storeId: string, deliveryId: string, topic: string, at: Date): Promise<boolean>;
}

/** The repositories of this file, as they appear in the RepositorySet. */
export interface BridgeRepositorySet {
  wpConnections: WpConnectionRepository;
  connectionCodes: ConnectionCodeRepository;
  loginTokens: LoginTokenRepository;
  wooStores: WooStoreRepository;
}
