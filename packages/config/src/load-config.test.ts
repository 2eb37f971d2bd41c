import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEV_ENCRYPTION_KEY_FILE, describeConfig, loadConfig } from './index';

const goodKey = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');

const production = (dataDir: string) => ({
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  SHOPIFY_APP_URL: 'https://dropship.example.com/',
  SHOPIFY_API_KEY: 'a1b2c3d4e5f6',
  SHOPIFY_API_SECRET: 'shpss_0123456789abcdef0123456789abcdef',
  ENCRYPTION_KEY: goodKey,
  SESSION_SECRET: 's'.repeat(16) + 'e'.repeat(16) + 'x',
  OPS_TOKEN: 'o'.repeat(40),
  METRICS_TOKEN: 'm'.repeat(40),
  DATABASE_URL: 'postgres://dropship:pw@db.internal:5432/dropship',
  REDIS_URL: 'rediss://cache.internal:6380',
});

function problemsOf(env: Record<string, string | undefined>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dropship-config-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadConfig in development', () => {
  it('an empty environment gives safe development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      logLevel: 'info',
      port: 3000,
      trustProxy: false,
      appUrl: 'http://localhost:3000',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'dropship',
      workerConcurrency: { lifecycle: 128, notifications: 32 },
      encryptionKey: { source: 'development-file', path: path.resolve('./data', DEV_ENCRYPTION_KEY_FILE) },
      shopify: { scopes: ['read_products', 'write_products', 'read_orders'], apiVersion: '2026-07' },
      billing: {
        planName: 'Dropship Connect',
        amount: 29,
        amountMinor: 2900,
        currency: 'USD',
        trialDays: 7,
        test: true,
      },
    });
  });

  it('the app URL follows PORT when SHOPIFY_APP_URL is unset, and empty values count as unset', () => {
    const config = loadConfig({ PORT: '4123', SHOPIFY_APP_URL: '  ', LOG_LEVEL: '' });
    expect(config.appUrl).toBe('http://localhost:4123');
    expect(config.logLevel).toBe('info');
  });

  it('the configuration is frozen all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.shopify)).toBe(true);
    expect(Object.isFrozen(config.shopify.scopes)).toBe(true);
    expect(Object.isFrozen(config.billing)).toBe(true);
  });

  it('an ENCRYPTION_KEY from the environment is decoded to 32 bytes', () => {
    const config = loadConfig({ ENCRYPTION_KEY: goodKey });
    expect(config.encryptionKey.source).toBe('environment');
    if (config.encryptionKey.source === 'environment') {
      expect(config.encryptionKey.key.equals(Buffer.from(goodKey, 'base64'))).toBe(true);
    }
  });

  it('TRUST_PROXY takes a hop count or trusted addresses and subnets', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.10' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.10',
    ]);
  });

  it('a price is converted to minor units of its currency', () => {
    expect(loadConfig({ BILLING_PRICE: '19.99', BILLING_CURRENCY: 'EUR' }).billing.amountMinor).toBe(1999);
    expect(loadConfig({ BILLING_PRICE: '1500', BILLING_CURRENCY: 'JPY' }).billing.amountMinor).toBe(1500);
  });
});

describe('loadConfig problems', () => {
  it('every malformed variable is listed at once, each with its purpose', () => {
    const error = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      DATABASE_URL: 'mysql://x',
      ENCRYPTION_KEY: 'too-short',
      SCOPES: 'read_products,everything',
      BILLING_TRIAL_DAYS: '-1',
      QUEUE_PREFIX: 'has:colon',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      [
        'NODE_ENV',
        'PORT',
        'REDIS_URL',
        'DATABASE_URL',
        'ENCRYPTION_KEY',
        'SCOPES',
        'BILLING_TRIAL_DAYS',
        'QUEUE_PREFIX',
      ].sort(),
    );
    for (const problem of error.problems) {
      expect(problem.purpose.length).toBeGreaterThan(10);
      expect(error.message).toContain(`- ${problem.variable}: ${problem.problem}`);
      expect(error.message).toContain(problem.purpose);
    }
    expect(error.message).toMatch(/^Configuration is invalid \(8 problems\)/);
    expect(error.kind).toBe('INVALID_INPUT');
  });

  it('TRUST_PROXY refuses true (any client could choose its address) and what is not an address', () => {
    const trustAll = problemsOf({ TRUST_PROXY: 'true' }).problems[0];
    expect(trustAll).toMatchObject({ variable: 'TRUST_PROXY' });
    expect(trustAll?.problem).toContain('X-Forwarded-For');
    for (const wrong of ['10.0.0.0/33', 'proxy.example.com', 'loopback,,']) {
      const problem = problemsOf({ TRUST_PROXY: wrong }).problems[0];
      expect(problem).toMatchObject({ variable: 'TRUST_PROXY' });
      expect(problem?.problem).toContain('not understood');
    }
  });

  it('a price with more decimals than its currency allows is refused', () => {
    const error = problemsOf({ BILLING_PRICE: '10.50', BILLING_CURRENCY: 'JPY' });
    expect(error.problems).toEqual([expect.objectContaining({ variable: 'BILLING_PRICE' })]);
  });
});

describe('loadConfig in production', () => {
  it('a complete production environment parses', () => {
    const config = loadConfig(production(scratch));
    expect(config).toMatchObject({
      isProduction: true,
      appUrl: 'https://dropship.example.com',
      databaseUrl: 'postgres://dropship:pw@db.internal:5432/dropship',
      billing: { test: false },
      encryptionKey: { source: 'environment' },
    });
  });

  it('no default secret is accepted: each missing one is listed', () => {
    const error = problemsOf({ NODE_ENV: 'production', DATA_DIR: scratch });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      [
        'SHOPIFY_APP_URL',
        'SHOPIFY_API_KEY',
        'SHOPIFY_API_SECRET',
        'ENCRYPTION_KEY',
        'SESSION_SECRET',
        'OPS_TOKEN',
        'METRICS_TOKEN',
      ].sort(),
    );
    for (const problem of error.problems)
      expect(problem.problem).toMatch(/required when NODE_ENV=production/);
    const requiredInDocs = describeConfig()
      .filter((row) => row.requiredInProduction)
      .map((row) => row.variable);
    expect(requiredInDocs.sort()).toEqual(error.problems.map((p) => p.variable).sort());
  });

  it('development values copied into production are refused', () => {
    const error = problemsOf({
      ...production(scratch),
      SHOPIFY_API_KEY: 'dev-shopify-api-key',
      SESSION_SECRET: 'dev-session-secret-change-me',
      OPS_TOKEN: 'short',
      SHOPIFY_APP_URL: 'http://dropship.example.com',
    });
    expect(Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]))).toEqual({
      SHOPIFY_API_KEY: expect.stringContaining('development default'),
      SESSION_SECRET: expect.stringContaining('development default'),
      OPS_TOKEN: expect.stringContaining('at least 32 characters'),
      SHOPIFY_APP_URL: expect.stringContaining('https://'),
    });
  });

  it('the development key generated in DATA_DIR is refused, in raw or text form', () => {
    const key = Buffer.from(goodKey, 'base64');
    for (const content of [key, goodKey + '\n', key.toString('hex')]) {
      writeFileSync(path.join(scratch, DEV_ENCRYPTION_KEY_FILE), content);
      const error = problemsOf(production(scratch));
      expect(error.problems).toEqual([
        expect.objectContaining({
          variable: 'ENCRYPTION_KEY',
          problem: expect.stringContaining('development key'),
        }),
      ]);
    }
  });

  it('a placeholder key of repeated bytes is refused', () => {
    const error = problemsOf({ ...production(scratch), ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') });
    expect(error.problems.map((p) => p.variable)).toEqual(['ENCRYPTION_KEY']);
  });
});

describe('loadConfig has no side effects', () => {
  it('a bad configuration creates no data directory and no key file', () => {
    const dataDir = path.join(scratch, 'not-yet');
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('a good development configuration writes nothing either (the launcher creates the key)', () => {
    const dataDir = path.join(scratch, 'fresh');
    loadConfig({ DATA_DIR: dataDir });
    expect(existsSync(dataDir)).toBe(false);
    mkdirSync(dataDir);
  });
});
