import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '@dropship/core';
import type { TestStack } from '../../apps/server/src/test-support/harness';

/** The tables whose rows an unauthenticated request must never change. */
export const STATE_TABLES = [
  'accounts',
  'stores',
  'subscriptions',
  'invoices',
  'published_products',
  'shopify_sessions',
  'owner_sessions',
] as const;

/** A hash of every row of the state tables: equal before and after means nothing changed. */
export async function stateFingerprint(stack: Pick<TestStack, 'db'>): Promise<string> {
  const hash = createHash('sha256');
  for (const table of STATE_TABLES) {
    const rows = (await stack.db.knex(table).select('*')) as unknown[];
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

export const FUZZ_SHOPIFY_SECRET = 'fuzz-shopify-secret';
export const fuzzEnv = { SHOPIFY_API_KEY: 'fuzz-shopify-key', SHOPIFY_API_SECRET: FUZZ_SHOPIFY_SECRET };

export interface FuzzWorld {
  shop: Store;
  site: Store;
  siteSecret: string;
  webhookSecret: string;
  accountId: string;
  subscriptionId: string;
}

/** One of everything a route can point at: a Shopify store with a subscription, product and session, a connected WordPress site with WooCommerce webhooks. */
export async function seedWorld(stack: TestStack): Promise<FuzzWorld> {
  const { repos, clock } = stack;
  const now = clock.now();
  const account = await repos.accounts.create({ email: 'fuzz-owner@shop.test' });
  const shop = await repos.stores.create({
    platform: 'shopify',
    domain: 'fuzz-shop.myshopify.com',
    installedAt: new Date(now.getTime() - 86_400_000),
  });
  const subscription = await repos.subscriptions.create({
    storeId: shop.id,
    provider: 'shopify',
    externalId: 'gid://shopify/AppSubscription/1',
    planName: 'Growth',
    priceMinor: 2900,
    currency: 'USD',
    status: 'active',
    currentPeriodStart: new Date(now.getTime() - 5 * 86_400_000),
    currentPeriodEnd: new Date(now.getTime() + 25 * 86_400_000),
  });
  await repos.publishedProducts.upsert({
    storeId: shop.id,
    platformProductId: '7',
    title: 'Lamp',
    handle: 'lamp',
    sku: 'L-1',
    status: 'active',
    publishedAt: now,
  });
  await repos.shopifySessions.store({
    id: `offline_${shop.domain}`,
    shop: shop.domain,
    state: 'x',
    isOnline: false,
    scope: 'read_orders',
    expires: null,
    accessToken: 'shpat_fuzz',
    onlineAccessInfo: null,
  });
  const site = await repos.stores.create({
    platform: 'woocommerce',
    domain: 'fuzz-site.example.com',
    installedAt: new Date(now.getTime() - 86_400_000),
  });
  const siteSecret = randomBytes(32).toString('base64url');
  await repos.stores.setCredentials(site.id, { siteSecret, heartbeatAt: now });
  const webhookSecret = randomBytes(16).toString('hex');
  await repos.wooStores.save({
    storeId: site.id,
    siteUrl: 'https://fuzz-site.example.com',
    webhookSecret,
    at: now,
  });
  return { shop, site, siteSecret, webhookSecret, accountId: account.id, subscriptionId: subscription.id };
}

interface RawSendable<T> {
  serialize(serializer: (body: unknown) => string): T;
  send(body: Buffer): T;
}

/** Sends these exact bytes (superagent would serialise a Buffer as JSON under a JSON content type). */
export function sendRaw<T>(call: RawSendable<T>, body: Buffer): T {
  return (call.serialize(() => body as unknown as string) as unknown as RawSendable<T>).send(body);
}
