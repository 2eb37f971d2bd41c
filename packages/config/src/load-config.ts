import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { ConfigProblem } from './config-error';
import { ConfigError } from './config-error';
import type { Mode } from './fields';
import type { ParsedEnvironment, VariableName } from './variables';
import { variables } from './variables';

/** The name of the key file that the launcher generates outside production. */
export const DEV_ENCRYPTION_KEY_FILE = 'dev-encryption.key';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the whole configuration from `env` (normally
 * `process.env`, read once by the composition root). Throws a `ConfigError`
 * listing every problem at once. Writes nothing: the only file it looks at is
 * an existing development key, to refuse it in production.
 */
export function loadConfig(env: Environment): Config {
  const mode: Mode = clean(env.NODE_ENV) === 'production' ? 'production' : 'development';
  const { values, problems } = parseVariables(env, mode);
  problems.push(...crossCheck(values, mode));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(toConfig(values as ParsedEnvironment));
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parseVariables(env: Environment, mode: Mode) {
  const values: Partial<Record<VariableName, unknown>> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, spec] of Object.entries(variables) as [
    VariableName,
    (typeof variables)[VariableName],
  ][]) {
    const result = spec.schema(mode).safeParse(clean(env[name]));
    if (result.success) {
      values[name] = result.data;
    } else {
      const messages = [...new Set(result.error.issues.map((issue) => issue.message))];
      problems.push({ variable: name, problem: messages.join('; '), purpose: spec.purpose });
    }
  }
  return { values: values as Partial<ParsedEnvironment>, problems };
}

/** Rules that involve two variables; each runs when both parsed. */
function crossCheck(values: Partial<ParsedEnvironment>, mode: Mode): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { ENCRYPTION_KEY: key, DATA_DIR: dataDir, BILLING_PRICE: price, BILLING_CURRENCY: currency } = values;
  if (mode === 'production' && key && dataDir !== undefined && isDevelopmentKey(key, dataDir)) {
    problems.push({
      variable: 'ENCRYPTION_KEY',
      problem: `is the development key of ${path.join(dataDir, DEV_ENCRYPTION_KEY_FILE)}, refused in production. Generate one with: openssl rand -base64 32`,
      purpose: variables.ENCRYPTION_KEY.purpose,
    });
  }
  if (price !== undefined && currency !== undefined) {
    const digits = minorDigits(currency);
    if ((price.split('.')[1] ?? '').length > digits) {
      problems.push({
        variable: 'BILLING_PRICE',
        problem: `has more decimals than ${currency} allows (${digits})`,
        purpose: variables.BILLING_PRICE.purpose,
      });
    }
  }
  return problems;
}

/** The file may hold the raw key or its base64 / hex text. */
function isDevelopmentKey(key: Buffer, dataDir: string): boolean {
  const file = path.join(path.resolve(dataDir), DEV_ENCRYPTION_KEY_FILE);
  if (!existsSync(file)) return false;
  const raw = readFileSync(file);
  const textValue = raw.toString('utf8').trim();
  return [raw, Buffer.from(textValue, 'base64'), Buffer.from(textValue, 'hex')].some((candidate) =>
    candidate.equals(key),
  );
}

function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

function toConfig(v: ParsedEnvironment): Config {
  const dataDir = path.resolve(v.DATA_DIR);
  const isProduction = v.NODE_ENV === 'production';
  const amount = Number(v.BILLING_PRICE);
  return {
    nodeEnv: v.NODE_ENV,
    isProduction,
    logLevel: v.LOG_LEVEL,
    port: v.PORT,
    trustProxy: v.TRUST_PROXY,
    appUrl: (v.SHOPIFY_APP_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    queuePrefix: v.QUEUE_PREFIX,
    workerConcurrency: {
      lifecycle: v.WORKER_LIFECYCLE_CONCURRENCY,
      notifications: v.WORKER_NOTIFICATION_CONCURRENCY,
    },
    mail: { smtpUrl: v.SMTP_URL, from: v.MAIL_FROM, teamEmail: v.TEAM_EMAIL },
    encryptionKey: v.ENCRYPTION_KEY
      ? { source: 'environment', key: v.ENCRYPTION_KEY }
      : { source: 'development-file', path: path.join(dataDir, DEV_ENCRYPTION_KEY_FILE) },
    shopify: {
      apiKey: v.SHOPIFY_API_KEY,
      apiSecret: v.SHOPIFY_API_SECRET,
      scopes: v.SCOPES,
      apiVersion: v.SHOPIFY_API_VERSION,
    },
    billing: {
      planName: v.BILLING_PLAN_NAME,
      amount,
      amountMinor: Math.round(amount * 10 ** minorDigits(v.BILLING_CURRENCY)),
      currency: v.BILLING_CURRENCY,
      trialDays: v.BILLING_TRIAL_DAYS,
      test: v.BILLING_TEST,
    },
    sessionSecret: v.SESSION_SECRET,
    opsToken: v.OPS_TOKEN,
    metricsToken: v.METRICS_TOKEN,
  };
}

/** Typed arrays (the key Buffer) cannot be frozen; everything else is. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
