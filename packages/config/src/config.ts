/** The run modes of NODE_ENV. */
export const NodeEnvs = { development: 'development', test: 'test', production: 'production' } as const;
export type NodeEnv = (typeof NodeEnvs)[keyof typeof NodeEnvs];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Where the credential encryption key comes from: ENCRYPTION_KEY, or (outside
 * production only) a key file that the launcher creates in DATA_DIR.
 */
export type EncryptionKeySetting =
  | { readonly source: 'environment'; readonly key: Buffer }
  | { readonly source: 'development-file'; readonly path: string };

export interface ShopifyConfig {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly scopes: readonly string[];
  readonly apiVersion: string;
}

export interface BillingConfig {
  readonly planName: string;
  /** Decimal amount, as Shopify's billing API takes it. */
  readonly amount: number;
  /** The same amount in integer minor units of `currency` (2900 for 29.00 USD). */
  readonly amountMinor: number;
  readonly currency: string;
  readonly trialDays: number;
  readonly test: boolean;
}

/** The validated, frozen configuration of every app. */
export interface MailConfig {
  /** undefined: messages stay queued in the outbox table. */
  readonly smtpUrl: string | undefined;
  readonly from: string;
  readonly teamEmail: string;
}

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  readonly logLevel: LogLevel;
  readonly port: number;
  /** express's `trust proxy`: false, a hop count, or trusted addresses and subnets. */
  readonly trustProxy: false | number | readonly string[];
  /** Public base URL, without a trailing slash. */
  readonly appUrl: string;
  /** Absolute path. */
  readonly dataDir: string;
  /** undefined: a SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  /** Jobs a worker process runs at once, per queue (the others run one at a time). */
  readonly workerConcurrency: { readonly lifecycle: number; readonly notifications: number };
  readonly mail: MailConfig;
  readonly encryptionKey: EncryptionKeySetting;
  readonly shopify: ShopifyConfig;
  readonly billing: BillingConfig;
  readonly sessionSecret: string;
  readonly opsToken: string;
  readonly metricsToken: string;
}
