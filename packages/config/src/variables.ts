import { isIP } from 'node:net';
import { z } from 'zod';
import type { Mode } from './fields';
import { boolean, integer, oneOf, requiredInProduction, secret, text, urlString } from './fields';

/** How one environment variable is documented and validated. */
export interface VariableSpec<T extends z.ZodType = z.ZodType> {
  purpose: string;
  /** The default as written in the documentation. */
  default: string;
  requiredInProduction: boolean;
  schema(mode: Mode): T;
}

const variable = <T extends z.ZodType>(spec: VariableSpec<T>): VariableSpec<T> => spec;

export const DEFAULT_SCOPES = 'read_products,write_products,read_orders';
// Matches [webhooks] api_version in shopify.app.toml: payloads are read against this version.
export const DEFAULT_API_VERSION = '2026-07';
const SECRET_HINT = 'Generate one with: openssl rand -hex 32';
const KEY_HINT = 'Generate one with: openssl rand -base64 32';
const DEV_SECRET_DEFAULT = 'development value, refused in production';

const SCOPE = /^(unauthenticated_)?(read|write)_[a-z_]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function encryptionKey(mode: Mode) {
  const key = z
    .string({ error: mode === 'production' ? requiredInProduction(KEY_HINT) : undefined })
    .refine(
      (v) => BASE64.test(v) && Buffer.from(v, 'base64').length === 32,
      `must be 32 bytes encoded in base64 (44 characters). ${KEY_HINT}`,
    )
    .transform((v) => Buffer.from(v, 'base64'))
    // A key of a few repeated bytes is a placeholder, not a key.
    .refine((key) => new Set(key).size >= 8, `is not random (too few distinct bytes). ${KEY_HINT}`);
  return mode === 'production' ? key : key.optional();
}

function appUrl(mode: Mode) {
  if (mode === 'production') {
    return z
      .string({ error: requiredInProduction('Set the public https URL of this app.') })
      .pipe(urlString(['https:'], 'https://dropship.example.com'));
  }
  return urlString(['http:', 'https:'], 'http://localhost:3000').optional();
}

// express's names for the private ranges, accepted beside addresses and subnets.
const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * express's `trust proxy`, without `true`: trusting every hop lets any client
 * write its own X-Forwarded-For and so choose the address it is limited by.
 */
const trustProxy = z
  .string()
  .transform((value, ctx): false | number | string[] => {
    const trimmed = value.trim();
    if (trimmed === 'false' || trimmed === '0' || trimmed === '') return false;
    if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed);
    const entries = trimmed.split(',').map((entry) => entry.trim());
    const wrong = entries.filter((entry) => !PROXY_PRESETS.has(entry) && !isAddressOrSubnet(entry));
    if (wrong.length === 0) return entries;
    const why =
      trimmed === 'true'
        ? "true would believe any client's X-Forwarded-For"
        : `not understood: ${wrong.map((entry) => JSON.stringify(entry)).join(', ')}`;
    ctx.addIssue({
      code: 'custom',
      message: `must be false, a hop count (e.g. 1) or addresses and subnets separated by commas (e.g. loopback,10.0.0.0/8); ${why}`,
    });
    return z.NEVER;
  })
  .prefault('false');

/** Every environment variable the platform reads, in documentation order. */
export const variables = {
  NODE_ENV: variable({
    purpose:
      'Run mode. production refuses default secrets and requires HTTPS; development and test allow defaults.',
    default: 'development',
    requiredInProduction: false,
    schema: () => oneOf(['development', 'test', 'production'], 'development'),
  }),
  LOG_LEVEL: variable({
    purpose: 'Minimum level of the JSON logs.',
    default: 'info',
    requiredInProduction: false,
    schema: () => oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  }),
  PORT: variable({
    purpose: 'TCP port the HTTP server listens on (0 picks a free port).',
    default: '3000',
    requiredInProduction: false,
    schema: () => integer({ min: 0, max: 65535, defaultValue: 3000 }),
  }),
  TRUST_PROXY: variable({
    purpose:
      "Proxies in front of the server whose X-Forwarded-For gives the client address: a hop count (1 behind one load balancer), or addresses and subnets separated by commas (loopback, 10.0.0.0/8), or false. Rate limits count per client address: behind a load balancer without it, every client shares the balancer's limit.",
    default: 'false',
    requiredInProduction: false,
    schema: () => trustProxy,
  }),
  SHOPIFY_APP_URL: variable({
    purpose: 'Public URL of the app, as Shopify and WordPress sites reach it (https in production).',
    default: 'http://localhost:$PORT',
    requiredInProduction: true,
    schema: appUrl,
  }),
  DATA_DIR: variable({
    purpose:
      'Directory for local files: the SQLite database, the development encryption key, a private Redis.',
    default: './data',
    requiredInProduction: false,
    schema: () => text('./data', (s) => s.min(1, 'must not be empty'), 1000),
  }),
  DATABASE_URL: variable({
    purpose:
      'SQL database: sqlite:<file> or postgres://user:password@host:5432/db. Unset means a SQLite file in DATA_DIR.',
    default: 'SQLite file DATA_DIR/dropship.sqlite',
    requiredInProduction: false,
    schema: () =>
      urlString(
        ['sqlite:', 'postgres:', 'postgresql:'],
        'postgres://dropship@127.0.0.1:5432/dropship',
      ).optional(),
  }),
  REDIS_URL: variable({
    purpose: 'Redis used by the BullMQ queues (maxmemory-policy must be noeviction).',
    default: 'redis://127.0.0.1:6379',
    requiredInProduction: false,
    schema: () =>
      urlString(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').prefault('redis://127.0.0.1:6379'),
  }),
  QUEUE_PREFIX: variable({
    purpose:
      "Prefix of every key in Redis (BullMQ's, and the bridge's replay guard), to share one Redis between environments.",
    default: 'dropship',
    requiredInProduction: false,
    schema: () =>
      text('dropship', (s) => s.regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, - and _'), 50),
  }),
  WORKER_LIFECYCLE_CONCURRENCY: variable({
    purpose:
      'Lifecycle jobs (disconnect, reconnect, redact) each worker process runs at once. Jobs running together share their database statements, so the more at once, the faster a backlog of uninstalls drains.',
    default: '128',
    requiredInProduction: false,
    schema: () => integer({ min: 1, max: 1024, defaultValue: 128 }),
  }),
  WORKER_NOTIFICATION_CONCURRENCY: variable({
    purpose: 'Notification jobs (merchant and team messages) each worker process runs at once.',
    default: '32',
    requiredInProduction: false,
    schema: () => integer({ min: 1, max: 1024, defaultValue: 32 }),
  }),
  SMTP_URL: variable({
    purpose:
      'SMTP server the outbox delivers e-mail through (smtp:// or smtps://user:pass@host:port). Unset: messages stay queued in the outbox for the team to read.',
    default: 'unset (outbox only)',
    requiredInProduction: false,
    schema: () => urlString(['smtp:', 'smtps:'], 'smtps://user:password@mail.example.com:465').optional(),
  }),
  MAIL_FROM: variable({
    purpose: 'Sender address of the e-mail the platform sends to merchants.',
    default: 'Dropship Connect <no-reply@localhost>',
    requiredInProduction: false,
    schema: () => text('Dropship Connect <no-reply@localhost>', (s) => s.min(3, 'must not be empty'), 200),
  }),
  TEAM_EMAIL: variable({
    purpose: 'Address of the dropship team: disconnect alerts and billing requests are sent there.',
    default: 'team@localhost',
    requiredInProduction: false,
    schema: () =>
      text('team@localhost', (s) => s.regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'), 200),
  }),
  ENCRYPTION_KEY: variable({
    purpose: 'AES-256-GCM key that encrypts store credentials at rest: 32 bytes in base64.',
    default: 'generated into DATA_DIR/dev-encryption.key (not in production)',
    requiredInProduction: true,
    schema: encryptionKey,
  }),
  SHOPIFY_API_KEY: variable({
    purpose: 'Client ID of the Shopify app (Partner Dashboard → App → Client credentials).',
    default: DEV_SECRET_DEFAULT,
    requiredInProduction: true,
    schema: (mode) =>
      secret({
        mode,
        developmentValue: 'dev-shopify-api-key',
        minLength: 1,
        hint: 'Copy it from the Partner Dashboard.',
      }),
  }),
  SHOPIFY_API_SECRET: variable({
    purpose: 'Client secret of the Shopify app: verifies webhook and OAuth HMACs.',
    default: DEV_SECRET_DEFAULT,
    requiredInProduction: true,
    schema: (mode) =>
      secret({
        mode,
        developmentValue: 'dev-shopify-api-secret',
        minLength: 16,
        hint: 'Copy it from the Partner Dashboard.',
      }),
  }),
  SCOPES: variable({
    purpose: 'Shopify access scopes the app requests, comma-separated (same as shopify.app.toml).',
    default: DEFAULT_SCOPES,
    requiredInProduction: false,
    schema: () =>
      text(
        DEFAULT_SCOPES,
        (s) =>
          s
            .transform((v) => v.split(',').map((scope) => scope.trim()))
            .refine(
              (scopes) => scopes.every((scope) => SCOPE.test(scope)),
              'must be comma-separated Shopify scopes such as read_products,write_products',
            ),
        2000,
      ),
  }),
  SHOPIFY_API_VERSION: variable({
    purpose: 'Shopify Admin API version (YYYY-MM, a quarterly release).',
    default: DEFAULT_API_VERSION,
    requiredInProduction: false,
    schema: () =>
      text(DEFAULT_API_VERSION, (s) =>
        s.regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'must look like 2025-10 (YYYY-01/04/07/10)'),
      ),
  }),
  BILLING_PLAN_NAME: variable({
    purpose:
      'Name of the monthly plan shown to merchants (Shopify app subscription and platform subscription).',
    default: 'Dropship Connect',
    requiredInProduction: false,
    schema: () => text('Dropship Connect', (s) => s.trim().min(1, 'must not be empty'), 255),
  }),
  BILLING_PRICE: variable({
    purpose: 'Monthly price of the plan, as a decimal amount in BILLING_CURRENCY (e.g. 29.00).',
    default: '29.00',
    requiredInProduction: false,
    schema: () =>
      text('29.00', (s) =>
        s
          .regex(/^\d{1,7}(\.\d{1,3})?$/, 'must be a decimal amount such as 29.00')
          .refine((v) => Number(v) > 0, 'must be greater than 0'),
      ),
  }),
  BILLING_CURRENCY: variable({
    purpose: 'ISO 4217 currency of the plan price.',
    default: 'USD',
    requiredInProduction: false,
    schema: () =>
      text('USD', (s) => s.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD')),
  }),
  BILLING_TRIAL_DAYS: variable({
    purpose: 'Free trial days before the first charge.',
    default: '7',
    requiredInProduction: false,
    schema: () => integer({ min: 0, max: 365, defaultValue: 7 }),
  }),
  BILLING_TEST: variable({
    purpose: 'Create Shopify test charges (no money moves). Defaults to true outside production.',
    default: 'true outside production, false in production',
    requiredInProduction: false,
    schema: (mode) => boolean(mode !== 'production'),
  }),
  SESSION_SECRET: variable({
    purpose: 'Signs the session cookies of the account dashboard.',
    default: DEV_SECRET_DEFAULT,
    requiredInProduction: true,
    schema: (mode) =>
      secret({ mode, developmentValue: 'dev-session-secret-change-me', minLength: 32, hint: SECRET_HINT }),
  }),
  OPS_TOKEN: variable({
    purpose: 'Bearer token of the dropship team for the ops dashboard and queue board.',
    default: DEV_SECRET_DEFAULT,
    requiredInProduction: true,
    schema: (mode) => secret({ mode, developmentValue: 'dev-ops-token', minLength: 32, hint: SECRET_HINT }),
  }),
  METRICS_TOKEN: variable({
    purpose: 'Bearer token for the Prometheus /metrics endpoint.',
    default: DEV_SECRET_DEFAULT,
    requiredInProduction: true,
    schema: (mode) =>
      secret({ mode, developmentValue: 'dev-metrics-token', minLength: 32, hint: SECRET_HINT }),
  }),
} as const;

export type VariableName = keyof typeof variables;

/** The environment after each variable's schema: typed values, defaults applied. */
export type ParsedEnvironment = {
  [K in VariableName]: z.output<ReturnType<(typeof variables)[K]['schema']>>;
};
