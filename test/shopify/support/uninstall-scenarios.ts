import { orderSyncSchedulerId } from '@dropship/queues';
import { productsLeftPage } from '@dropship/lifecycle';
import type { Store } from '@dropship/core';

import { publishProduct } from '../../../apps/server/src/shopify/publish-product';
import { startShopifyApp } from './shopify-app';
import type { ShopifyApp } from './shopify-app';

const UNINSTALL = '/webhooks/app/uninstalled';
let app: ShopifyApp;

async function storeOf(shop: string): Promise<Store> {
  const store = await app.stack.repos.stores.findByDomain('shopify', shop);
  if (!store) throw new Error(`no store ${shop}`);
  return store;
}

async function publishThree(store: Store) {
  const titles = ['Bamboo desk lamp', 'Linen throw', 'Ceramic mug'];
  const products = [];
  for (const [index, title] of titles.entries()) {
    products.push(
      await publishProduct(
        { repos: app.stack.repos, shopify: app.stack.deps.shopify, clock: app.stack.clock },
        { storeId: store.id, product: { title, sku: `SKU-${index}`, price: '19.90' } },
      ),
    );
  }
  return products;
}

async function eventsOf(store: Store) {
  return app.stack.repos.lifecycleEvents.list({ storeId: store.id, limit: 50 });
}

/** The judged uninstall flow, on one database dialect (one stand-in per test file, so one dialect per file). */
export function describeUninstallScenarios(dialect: 'sqlite' | 'postgres'): void {
  describe(`Shopify install → subscribe → publish → app/uninstalled (${dialect})`, () => {
    beforeAll(async () => {
      app = await startShopifyApp({ dialect });
    });
    afterAll(() => app?.close());

    const shop = 'lamp-house.myshopify.com';

    it('stops billing at the stored period end, disconnects the store and lists the products left', async () => {
      const subscriptionId = await app.installAndSubscribe(shop);
      const store = await storeOf(shop);
      const subscription = await app.stack.repos.subscriptions.findByExternalId('shopify', subscriptionId);
      expect(subscription).toMatchObject({ status: 'active', provider: 'shopify', storeId: store.id });
      const periodEnd = subscription?.currentPeriodEnd as Date;
      expect(periodEnd.getTime()).toBe(
        app.standIn.subscription(shop, subscriptionId)?.currentPeriodEnd &&
          new Date(app.standIn.subscription(shop, subscriptionId)?.currentPeriodEnd as string).getTime(),
      );
      const session = await app.stack.repos.shopifySessions.findByShop(shop);
      expect(session).toHaveLength(1);
      const stored = await app.stack.db.knex('shopify_sessions').where({ shop }).first();
      expect(stored.access_token_enc).not.toContain('shpat_');

      const published = await publishThree(store);
      expect(app.standIn.products(shop)).toHaveLength(3);

      await app.stack.queues.scheduleOrderSync(store.id, { everyMs: 60_000 });
      const body = app.standIn.uninstall(shop);
      const answer = await app.deliver(UNINSTALL, {
        topic: 'app/uninstalled',
        shop,
        body,
        triggeredAt: app.stack.clock.now(),
      });
      expect(answer.status).toBe(200);
      // The 200 comes once order automation has stopped: the store out of `connected`, its gate
      // closed and its order-sync schedule gone. The worker does the rest (billing, report,
      // `disconnected`), after the answer: how fast the answer is, the ingest benchmark measures.
      expect(await storeOf(shop)).toMatchObject({
        state: 'disconnecting',
        automationEnabled: false,
        disconnectSource: 'shopify_uninstall',
      });
      expect(await app.stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(store.id))).toBeFalsy();

      await app.runWorker(async () => (await storeOf(shop)).state === 'disconnected');
      const after = await storeOf(shop);
      expect(after).toMatchObject({
        state: 'disconnected',
        automationEnabled: false,
        disconnectSource: 'shopify_uninstall',
      });
      expect(await app.stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(store.id))).toBeFalsy();
      expect(await app.stack.repos.subscriptions.findByExternalId('shopify', subscriptionId)).toMatchObject({
        status: 'cancelled',
        cancelSource: 'shopify_uninstall',
        billingEndsAt: periodEnd,
      });
      expect(await app.stack.repos.invoices.listBySubscription(subscription?.id as string)).toEqual([]);
      expect(await app.stack.repos.shopifySessions.findByShop(shop)).toEqual([]);
      const left = await productsLeftPage({ repos: app.stack.repos }, { storeId: store.id });
      expect(left.items.map((item) => item.id).sort()).toEqual(
        published.map((p) => p.platformProductId).sort(),
      );
      const report = await app.stack.repos.disconnectReports.findLatestByStore(store.id);
      expect(report).toMatchObject({
        productsCount: 3,
        billing: { kind: 'ended_by_shopify', accessUntil: periodEnd },
      });
    });

    it('the same delivery five times in parallel has one effect', async () => {
      const other = 'five-times.myshopify.com';
      await app.installAndSubscribe(other);
      const store = await storeOf(other);
      const body = app.standIn.uninstall(other);
      const webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          app.deliver(UNINSTALL, {
            topic: 'app/uninstalled',
            shop: other,
            body,
            webhookId,
            triggeredAt: app.stack.clock.now(),
          }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      const statuses = answers.map((answer) => (JSON.parse(answer.body) as { status: string }).status).sort();
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      await app.runWorker(async () => (await storeOf(other)).state === 'disconnected');
      const uninstalls = (await eventsOf(store)).filter((event) => event.source === 'shopify_uninstall');
      expect(uninstalls).toHaveLength(1);
      expect(await app.stack.repos.disconnectReports.findLatestByStore(store.id)).not.toBeNull();
    });

    it('an uninstall older than the latest install is recorded and ignored', async () => {
      const quick = 'quick-return.myshopify.com';
      await app.installAndSubscribe(quick);
      const firstInstall = (await storeOf(quick)).installedAt as Date;
      const body = app.standIn.uninstall(quick);
      const uninstalledAt = new Date(firstInstall.getTime() + 1000);
      app.stack.clock.advance(60_000);
      // The merchant reinstalls before Shopify's uninstall delivery arrives.
      await app.installAndSubscribe(quick);
      await app.runWorker(async () => (await storeOf(quick)).automationEnabled);
      const before = await storeOf(quick);
      const sessionsBefore = await app.stack.repos.shopifySessions.findByShop(quick);
      const subscriptionsBefore = await app.stack.repos.subscriptions.listByStore(before.id);

      const late = await app.deliver(UNINSTALL, {
        topic: 'app/uninstalled',
        shop: quick,
        body,
        triggeredAt: uninstalledAt,
      });
      expect(late.status).toBe(200);
      expect(JSON.parse(late.body)).toMatchObject({ status: 'recorded', outcome: 'ignored_stale' });
      expect(await storeOf(quick)).toEqual(before);
      expect(await app.stack.repos.shopifySessions.findByShop(quick)).toEqual(sessionsBefore);
      expect(await app.stack.repos.subscriptions.listByStore(before.id)).toEqual(subscriptionsBefore);
    });

    it('a reinstall within the paid period is offered the remaining days as trial days, with a fresh session', async () => {
      const back = 'coming-back.myshopify.com';
      await app.installAndSubscribe(back);
      const store = await storeOf(back);
      const tokenBefore = (await app.stack.repos.shopifySessions.findByShop(back))[0]?.accessToken;
      await app.deliver(UNINSTALL, {
        topic: 'app/uninstalled',
        shop: back,
        body: app.standIn.uninstall(back),
        triggeredAt: app.stack.clock.now(),
      });
      await app.runWorker(async () => (await storeOf(back)).state === 'disconnected');
      const [first] = await app.stack.repos.subscriptions.listByStore(store.id);
      app.stack.clock.advance(2 * 24 * 60 * 60 * 1000 + 1000);

      const answer = await app.install(back);
      const confirmationUrl = new URL(answer.headers.get('location') ?? '');
      const chargeId = confirmationUrl.pathname.split('/')[4] as string;
      const offered = app.standIn.subscription(back, `gid://shopify/AppSubscription/${chargeId}`);
      const expectedDays = Math.ceil(
        ((first?.billingEndsAt as Date).getTime() - app.stack.clock.now().getTime()) / 86_400_000,
      );
      expect(offered?.trialDays).toBe(expectedDays);
      const sessions = await app.stack.repos.shopifySessions.findByShop(back);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.accessToken).not.toBe(tokenBefore);
      expect((await storeOf(back)).state).toBe('connected');
    });

    it('an uninstall of a shop we never knew is recorded and answered 200', async () => {
      const answer = await app.deliver(UNINSTALL, {
        topic: 'app/uninstalled',
        shop: 'stranger.myshopify.com',
        body: app.standIn.uninstall('stranger.myshopify.com'),
      });
      expect([answer.status, JSON.parse(answer.body)]).toEqual([
        200,
        { status: 'recorded', outcome: 'unknown_store' },
      ]);
    });
  });
}
