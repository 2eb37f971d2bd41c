import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@dropship/config';
import { createManualClock } from '@dropship/core';
import type { Repositories } from '@dropship/core';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { verifyPassword } from '@dropship/server';
import { createCipher, createRepositories, migrateToLatest, openDatabase } from '@dropship/storage';
import type { Database } from '@dropship/storage';
import { DemoAccount } from './demo-account';
import { seedDemo } from './seed-demo';
import type { SeedDemoDeps } from './seed-demo';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let dataDir: string;
let db: Database;
let repos: Repositories;
let redis: ReturnType<typeof createRedisConnection>;
let queues: Queues;
let deps: SeedDemoDeps;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-demo-seed-'));
  db = await openDatabase({ dataDir });
  await migrateToLatest(db);
  repos = createRepositories(db, createCipher(randomBytes(32)));
  redis = createRedisConnection(redisUrl, 'producer');
  await new Promise((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', (error: Error) =>
      reject(
        new Error(
          `Redis does not answer at ${redisUrl} (${error.message}): start redis-server or set TEST_REDIS_URL.`,
        ),
      ),
    );
  });
  queues = createQueues({ connection: redis, prefix: `test-demo-${randomUUID().slice(0, 8)}` });
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '3000' });
  deps = { config, repos, queues, clock: createManualClock(new Date('2026-11-21T08:00:00Z')) };
});

afterAll(async () => {
  await Promise.all(Object.values(queues.byName).map((queue) => queue.obliterate({ force: true })));
  await queues.closeAll();
  await closeRedisConnection(redis);
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seedDemo', () => {
  it('seeds the demo account, its two stores, their billing, products and pending orders', async () => {
    const seeded = await seedDemo(deps);
    expect(seeded.shopify).toMatchObject({ created: true, products: 6, pendingOrders: 3 });
    expect(seeded.woocommerce).toMatchObject({ created: true, products: 8, pendingOrders: 3 });
    expect(seeded.account.email).toBe(DemoAccount.email);
    const hash = await repos.accountCredentials.getPasswordHash(seeded.account.id);
    expect(await verifyPassword(DemoAccount.password, hash ?? '')).toBe(true);

    const shopify = await repos.subscriptions.findLatestByStore(seeded.shopify.store.id);
    expect(shopify).toMatchObject({
      provider: 'shopify',
      status: 'active',
      currentPeriodEnd: expect.any(Date),
    });
    expect(await repos.shopifySessions.findByShop(DemoAccount.shopifyDomain)).toHaveLength(1);
    const woo = await repos.subscriptions.findLatestByStore(seeded.woocommerce.store.id);
    expect(woo).toMatchObject({ provider: 'platform', status: 'active' });
    expect((await repos.stores.getCredentials(seeded.woocommerce.store.id))?.siteSecret).toEqual(
      expect.any(String),
    );
    expect(await repos.wooStores.findByStore(seeded.woocommerce.store.id)).toMatchObject({
      siteUrl: DemoAccount.wooSiteUrl,
    });
  });

  it('a second run changes nothing but hands out a fresh one-time sign-in link', async () => {
    const before = await seedDemo(deps);
    const secret = (await repos.stores.getCredentials(before.woocommerce.store.id))?.siteSecret;
    const again = await seedDemo(deps);
    expect(again.shopify).toMatchObject({ created: false, products: 6, pendingOrders: 3 });
    expect(again.woocommerce).toMatchObject({ created: false, products: 8, pendingOrders: 3 });
    expect(again.account.id).toBe(before.account.id);
    expect((await repos.stores.getCredentials(again.woocommerce.store.id))?.siteSecret).toBe(secret);
    expect(await repos.subscriptions.listByStore(again.shopify.store.id)).toHaveLength(1);
    expect(await repos.subscriptions.listByStore(again.woocommerce.store.id)).toHaveLength(1);

    const link = new URL(again.loginUrl);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/account/login');
    const token = link.searchParams.get('token') ?? '';
    const used = await repos.loginTokens.consume(token, deps.clock.now());
    expect(used?.accountId).toBe(again.account.id);
    expect(await repos.loginTokens.consume(token, deps.clock.now())).toBeNull();
  });

  it('keeps a product the merchant marked removed removed', async () => {
    const seeded = await seedDemo(deps);
    const [first] = (await repos.publishedProducts.page(seeded.woocommerce.store.id, { limit: 1 })).items;
    await repos.publishedProducts.markRemoved(
      seeded.woocommerce.store.id,
      first?.platformProductId ?? '',
      deps.clock.now(),
    );
    const again = await seedDemo(deps);
    expect(again.woocommerce.products).toBe(7);
  });

  it('is never seeded in production', async () => {
    const production = { ...deps, config: { ...deps.config, isProduction: true } };
    await expect(seedDemo(production)).rejects.toThrow('never seeded in production');
  });
});
