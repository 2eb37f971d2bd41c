import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { productsDeleteSampleJson } from '../support/shopify-stand-in';
import { publishProduct } from '../../apps/server/src/shopify/publish-product';
import { API_KEY, startShopifyApp } from './support/shopify-app';
import type { ShopifyApp } from './support/shopify-app';

const webDist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
writeFileSync(
  path.join(webDist, 'index.html'),
  '<!doctype html><html><head><meta name="shopify-api-key" content="__SHOPIFY_API_KEY__" /></head><body></body></html>',
);
let app: ShopifyApp;

beforeAll(async () => {
  app = await startShopifyApp({ dialect: 'postgres', options: { webDistDir: webDist } });
});
afterAll(async () => {
  await app?.close();
  rmSync(webDist, { recursive: true, force: true });
});

async function storeOf(shop: string) {
  const store = await app.stack.repos.stores.findByDomain('shopify', shop);
  if (!store) throw new Error(`no store ${shop}`);
  return store;
}

describe('app_subscriptions/update mirrors Shopify’s status', () => {
  it('FROZEN freezes, ACTIVE unfreezes, PENDING and DECLINED change nothing, a repeat is a no-op', async () => {
    const shop = 'mirror-shop.myshopify.com';
    const id = await app.installAndSubscribe(shop);
    const deliver = (status: string) =>
      app.deliver('/webhooks/app_subscriptions/update', {
        topic: 'app_subscriptions/update',
        shop,
        body: {
          app_subscription: { ...app.standIn.subscriptionWebhookPayload(shop, id).app_subscription, status },
        },
      });
    const status = async () => (await app.stack.repos.subscriptions.findByExternalId('shopify', id))?.status;
    expect(JSON.parse((await deliver('FROZEN')).body)).toEqual({ outcome: 'applied' });
    expect(await status()).toBe('frozen');
    expect(JSON.parse((await deliver('FROZEN')).body)).toEqual({
      outcome: 'unchanged',
      reason: 'already_in_status',
    });
    expect(JSON.parse((await deliver('ACTIVE')).body)).toEqual({ outcome: 'applied' });
    expect(await status()).toBe('active');
    for (const quiet of ['PENDING', 'DECLINED']) {
      expect((await deliver(quiet)).status).toBe(200);
      expect(await status()).toBe('active');
    }
    expect(JSON.parse((await deliver('EXPIRED')).body)).toEqual({ outcome: 'applied' });
    expect(await status()).toBe('expired');
  });

  it('a CANCELLED update for a store being uninstalled is left to app/uninstalled', async () => {
    const shop = 'cancel-race.myshopify.com';
    const id = await app.installAndSubscribe(shop);
    await app.deliver('/webhooks/app/uninstalled', {
      topic: 'app/uninstalled',
      shop,
      body: app.standIn.uninstall(shop),
      triggeredAt: app.stack.clock.now(),
    });
    const answer = await app.deliver('/webhooks/app_subscriptions/update', {
      topic: 'app_subscriptions/update',
      shop,
      body: app.standIn.subscriptionWebhookPayload(shop, id),
    });
    expect(JSON.parse(answer.body)).toEqual({ outcome: 'unchanged', reason: 'left_to_uninstall' });
    await app.runWorker(async () => (await storeOf(shop)).state === 'disconnected');
    expect(await app.stack.repos.subscriptions.findByExternalId('shopify', id)).toMatchObject({
      status: 'cancelled',
      cancelSource: 'shopify_uninstall',
    });
  });
});

describe('published products ledger', () => {
  it('records what is published and marks a product removed on products/delete', async () => {
    const shop = 'ledger-shop.myshopify.com';
    await app.installAndSubscribe(shop);
    const store = await storeOf(shop);
    const product = await publishProduct(
      { repos: app.stack.repos, shopify: app.stack.deps.shopify, clock: app.stack.clock },
      { storeId: store.id, product: { title: 'Wool socks', handle: 'wool-socks', sku: 'WS-1' } },
    );
    expect(product).toMatchObject({
      title: 'Wool socks',
      handle: 'wool-socks',
      status: 'ACTIVE',
      adminUrl: expect.stringMatching(/^https:\/\/admin\.shopify\.com\/store\/ledger-shop\/products\/\d+$/),
      publishedAt: expect.any(Date),
      removedAt: null,
    });
    const numericId = product.platformProductId.split('/').pop() as string;
    const answer = await app.deliver('/webhooks/products/delete', {
      topic: 'products/delete',
      shop,
      body: `{"id":${numericId}}`,
    });
    expect(JSON.parse(answer.body)).toEqual({ outcome: 'marked_removed' });
    const removed = await app.stack.repos.publishedProducts.findByPlatformId(
      store.id,
      product.platformProductId,
    );
    expect(removed?.removedAt).toEqual(expect.any(Date));
    const sample = await app.deliver('/webhooks/products/delete', {
      topic: 'products/delete',
      shop,
      body: productsDeleteSampleJson,
    });
    expect(JSON.parse(sample.body)).toEqual({ outcome: 'not_in_ledger' });
  });
});

describe('the embedded app at /app', () => {
  it('serves the UI with the api key and a frame-ancestors policy for the shop, refreshing the period end', async () => {
    const shop = 'embedded-shop.myshopify.com';
    const id = await app.installAndSubscribe(shop);
    await app.stack.repos.subscriptions.update(
      (await app.stack.repos.subscriptions.findByExternalId('shopify', id))?.id as string,
      { currentPeriodEnd: null },
    );
    const answer = await app.get(`/app?shop=${shop}&id_token=${app.standIn.sessionToken(shop)}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toBe(
      `frame-ancestors https://${shop} https://admin.shopify.com;`,
    );
    expect(await answer.text()).toContain(`<meta name="shopify-api-key" content="${API_KEY}" />`);
    expect((await app.stack.repos.subscriptions.findByExternalId('shopify', id))?.currentPeriodEnd).toEqual(
      expect.any(Date),
    );
  });

  it('refuses a load whose session token is not Shopify’s', async () => {
    const answer = await app.get('/app?shop=embedded-shop.myshopify.com&id_token=forged');
    expect(answer.status).toBe(401);
  });
});
