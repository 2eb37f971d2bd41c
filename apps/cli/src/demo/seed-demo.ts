import { randomBytes } from 'node:crypto';
import {
  createBillingTeamCollector,
  createQueueRenewalScheduler,
  isRunning,
  startPlatformSubscription,
} from '@dropship/billing';
import type { BillingDeps } from '@dropship/billing';
import type { Config } from '@dropship/config';
import { ErrorKinds, Platforms, StoreStates } from '@dropship/core';
import type { Account, Clock, Repositories, Store } from '@dropship/core';
import { createOutboxMailer } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import { hashPassword, verifyPassword } from '@dropship/server';
import { CliError } from '../errors';
import { ACCOUNT_LOGIN_PATH, DemoAccount } from './demo-account';
import { demoPendingOrders, demoProducts } from './demo-catalog';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeedDemoDeps {
  config: Config;
  repos: Repositories;
  queues: Pick<Queues, 'enqueue' | 'billing'>;
  clock: Clock;
}

export interface SeededStore {
  store: Store;
  created: boolean;
  products: number;
  pendingOrders: number;
}

export interface SeedDemoResult {
  account: Account;
  shopify: SeededStore;
  woocommerce: SeededStore;
  /** One-time sign-in link into the account area (valid DemoAccount.loginLinkTtlMs). */
  loginUrl: string;
  loginExpiresAt: Date;
  email: string;
  password: string;
}

/** The billing use-cases wired like the worker's: renewals on the queue, invoices for the billing team. */
export function demoBillingDeps(deps: SeedDemoDeps): BillingDeps {
  const { repos, clock, queues, config } = deps;
  return {
    repos,
    clock,
    scheduler: createQueueRenewalScheduler({ queues, clock }),
    collector: createBillingTeamCollector({ repos, clock }),
    mailer: createOutboxMailer({ repos, clock }),
    accountUrl: `${config.appUrl}/app/settings/stores`,
  };
}

async function ensureAccount(deps: SeedDemoDeps): Promise<Account> {
  const { repos, clock } = deps;
  const account =
    (await repos.accounts.findByEmail(DemoAccount.email)) ??
    (await repos.accounts.create({ email: DemoAccount.email, name: DemoAccount.name, status: 'active' }));
  const stored = await repos.accountCredentials.getPasswordHash(account.id);
  if (stored === null || !(await verifyPassword(DemoAccount.password, stored))) {
    await repos.accountCredentials.setPasswordHash(
      account.id,
      await hashPassword(DemoAccount.password),
      clock.now(),
    );
  }
  return account;
}

async function findOrCreateStore(
  deps: SeedDemoDeps,
  account: Account,
  platform: Store['platform'],
  domain: string,
): Promise<{ store: Store; created: boolean }> {
  const existing = await deps.repos.stores.findByDomain(platform, domain);
  if (existing) {
    if (existing.accountId !== account.id) {
      throw new CliError(
        ErrorKinds.conflict,
        `The demo store ${domain} belongs to another account; delete DATA_DIR (or that store) to seed the demo again.`,
      );
    }
    return { store: existing, created: false };
  }
  const at = deps.clock.now();
  const store = await deps.repos.stores.create({
    accountId: account.id,
    platform,
    domain,
    state: StoreStates.connected,
    installedAt: new Date(at.getTime() - 45 * DAY_MS),
    automationEnabled: true,
  });
  return { store, created: true };
}

/** Publishes the demo catalogue once: a product the merchant already marked removed stays removed. */
async function ensureLedger(
  deps: SeedDemoDeps,
  store: Store,
): Promise<{ products: number; pendingOrders: number }> {
  const { repos, clock } = deps;
  const products = demoProducts(store, clock.now());
  for (const product of products) {
    if (!(await repos.publishedProducts.findByPlatformId(store.id, product.platformProductId))) {
      await repos.publishedProducts.upsert(product);
    }
  }
  // Received, not yet at the supplier: what the checklist asks the merchant to process.
  for (const order of demoPendingOrders(store, products, clock.now())) {
    await repos.orders.saveOnce({
      storeId: store.id,
      status: 'pending',
      containsPlatformProducts: true,
      ...order,
    });
  }
  return {
    products: await repos.publishedProducts.countByStore(store.id),
    pendingOrders: await repos.orders.countByStatus(store.id, 'pending'),
  };
}

/** A Shopify subscription as the billing return records it: active, its current period end stored. */
async function ensureShopifySubscription(deps: SeedDemoDeps, store: Store): Promise<void> {
  const { repos, clock, config } = deps;
  const subscriptions = await repos.subscriptions.listByStore(store.id);
  if (subscriptions.some((s) => s.provider === 'shopify' && isRunning(s))) return;
  const now = clock.now();
  await repos.subscriptions.create({
    storeId: store.id,
    accountId: store.accountId,
    provider: 'shopify',
    externalId: `gid://shopify/AppSubscription/${Date.now()}`,
    planName: config.billing.planName,
    priceMinor: config.billing.amountMinor,
    currency: config.billing.currency,
    status: 'active',
    currentPeriodStart: new Date(now.getTime() - 12 * DAY_MS),
    currentPeriodEnd: new Date(now.getTime() + 18 * DAY_MS),
  });
}

/** The offline session an install leaves behind (the demo shop is not reachable: the token is a placeholder). */
export async function storeDemoShopifySession(repos: Repositories, config: Config): Promise<void> {
  const shop = DemoAccount.shopifyDomain;
  await repos.shopifySessions.deleteByShop(shop);
  await repos.shopifySessions.store({
    id: `offline_${shop}`,
    shop,
    state: randomBytes(8).toString('hex'),
    isOnline: false,
    scope: config.shopify.scopes.join(','),
    expires: null,
    accessToken: `shpat_demo_${randomBytes(16).toString('hex')}`,
    onlineAccessInfo: null,
  });
}

async function seedShopifyStore(deps: SeedDemoDeps, account: Account): Promise<SeededStore> {
  const { store, created } = await findOrCreateStore(
    deps,
    account,
    Platforms.shopify,
    DemoAccount.shopifyDomain,
  );
  if (created) {
    await deps.repos.stores.setCredentials(store.id, {
      contactEmail: DemoAccount.email,
      locale: 'en',
      shopId: 'gid://shopify/Shop/954889',
    });
    await storeDemoShopifySession(deps.repos, deps.config);
  }
  // A store that has left keeps its ended subscription: only a connected shop is billed by Shopify.
  if (store.state === StoreStates.connected) await ensureShopifySubscription(deps, store);
  return { store, created, ...(await ensureLedger(deps, store)) };
}

async function seedWooStore(deps: SeedDemoDeps, account: Account): Promise<SeededStore> {
  const { repos, clock } = deps;
  const { store, created } = await findOrCreateStore(
    deps,
    account,
    Platforms.woocommerce,
    DemoAccount.wooDomain,
  );
  const credentials = await repos.stores.getCredentials(store.id);
  if (!credentials?.siteSecret) {
    // What a connection hands the plugin; stored encrypted, read back by the demo command to sign events.
    await repos.stores.setCredentials(store.id, {
      siteSecret: randomBytes(32).toString('base64url'),
      contactEmail: DemoAccount.email,
      locale: 'en',
      heartbeatAt: clock.now(),
    });
  }
  if (!(await repos.wooStores.findByStore(store.id))) {
    await repos.wooStores.save({
      storeId: store.id,
      siteUrl: DemoAccount.wooSiteUrl,
      webhookSecret: randomBytes(32).toString('base64url'),
      at: clock.now(),
    });
  }
  // No trial for the demo: the subscription is active, its first invoice open for the billing team.
  await startPlatformSubscription(demoBillingDeps(deps), {
    storeId: store.id,
    plan: {
      planName: deps.config.billing.planName,
      price: { amountMinor: deps.config.billing.amountMinor, currency: deps.config.billing.currency },
      trialDays: 0,
    },
  });
  return { store, created, ...(await ensureLedger(deps, store)) };
}

async function createLoginLink(deps: SeedDemoDeps, account: Account, storeId: string) {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + DemoAccount.loginLinkTtlMs);
  await deps.repos.loginTokens.create({ token, accountId: account.id, storeId, expiresAt, createdAt: now });
  const url = new URL(ACCOUNT_LOGIN_PATH, `${deps.config.appUrl}/`);
  url.searchParams.set('token', token);
  return { loginUrl: url.toString(), loginExpiresAt: expiresAt };
}

/**
 * Seeds the demo account of a development start, idempotently: the owner
 * (e-mail and password), a Shopify store billed by Shopify and a WooCommerce
 * store with its platform subscription, their published products and a few
 * pending orders, plus a fresh one-time sign-in link. Stores that already
 * exist keep their state (a store the demo disconnected stays disconnected).
 */
export async function seedDemo(deps: SeedDemoDeps): Promise<SeedDemoResult> {
  if (deps.config.isProduction) {
    throw new CliError(ErrorKinds.forbidden, 'The demo account is never seeded in production.');
  }
  const account = await ensureAccount(deps);
  const shopify = await seedShopifyStore(deps, account);
  const woocommerce = await seedWooStore(deps, account);
  const link = await createLoginLink(deps, account, woocommerce.store.id);
  const refreshed = async (seeded: SeededStore) => ({
    ...seeded,
    store: (await deps.repos.stores.findById(seeded.store.id)) ?? seeded.store,
  });
  return {
    account,
    shopify: await refreshed(shopify),
    woocommerce: await refreshed(woocommerce),
    ...link,
    email: DemoAccount.email,
    password: DemoAccount.password,
  };
}
