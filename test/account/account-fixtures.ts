import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { renewSubscription, startPlatformSubscription } from '@dropship/billing';
import type { Store, SubscriptionRecord } from '@dropship/core';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { billingDepsOf } from '../../apps/server/src/account';

export interface Owner {
  accountId: string;
  email: string;
  store: Store;
  subscription: SubscriptionRecord;
}

export const plan = { planName: 'Woo monthly', price: { amountMinor: 2900, currency: 'EUR' }, trialDays: 0 };

/** An owner with a connected WooCommerce store billed monthly, renewed once (an open renewal invoice). */
export async function createOwner(stack: TestStack, email: string): Promise<Owner> {
  const account = await stack.repos.accounts.create({ email, name: email.split('@')[0] });
  const store = await stack.repos.stores.create({
    accountId: account.id,
    platform: 'woocommerce',
    domain: `${randomBytes(4).toString('hex')}.shop.example.test`,
    installedAt: stack.clock.now(),
  });
  await stack.repos.stores.setCredentials(store.id, {
    siteSecret: `secret-${store.id}`,
    contactEmail: email,
  });
  const billing = billingDepsOf(stack.deps);
  const { subscription } = await startPlatformSubscription(billing, { storeId: store.id, plan });
  stack.clock.set(subscription.currentPeriodEnd as Date);
  await renewSubscription(billing, { subscriptionId: subscription.id });
  stack.clock.advance(3 * 24 * 3600_000);
  return { accountId: account.id, email, store, subscription };
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  cookie: string;
  csrfToken: string;
}

/** Signs the owner in the way the plugin does: a one-time login link, then GET /api/me for the CSRF token. */
export async function signIn(
  stack: TestStack,
  accountId: string,
  storeId: string | null = null,
): Promise<SignedIn> {
  const token = randomBytes(24).toString('base64url');
  const now = stack.clock.now();
  await stack.repos.loginTokens.create({
    token,
    accountId,
    storeId,
    expiresAt: new Date(now.getTime() + 600_000),
    createdAt: now,
  });
  const agent = request.agent(stack.app);
  const login = await agent.get(`/account/login?token=${token}`).expect(303);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
  const me = await agent.get('/api/me').expect(200);
  return { agent, cookie, csrfToken: me.body.csrfToken as string };
}

/** Everything a refused request must leave as it was. */
export async function billingSnapshot(stack: TestStack) {
  const knex = stack.db.knex;
  return {
    subscriptions: await knex('subscriptions').orderBy('id').select(),
    invoices: await knex('invoices').orderBy('id').select(),
    billingRequests: await knex('billing_requests').orderBy('id').select(),
    accounts: await knex('accounts').orderBy('id').select(),
    audit: await knex('audit_log').count({ n: '*' }),
  };
}
