import path from 'node:path';
import { listAppTomlTopics, readAppToml } from '@dropship/shopify';
import { shopifyWebhookRoutes } from '../../apps/server/src/shopify/webhook-routes';
import { startShopifyApp } from './support/shopify-app';
import type { ShopifyApp } from './support/shopify-app';

const TOML = path.resolve(__dirname, '../../shopify.app.toml');
let app: ShopifyApp;

beforeAll(async () => {
  app = await startShopifyApp({ dialect: 'sqlite' });
});
afterAll(() => app?.close());

describe('shopify.app.toml and the webhook routes stay in step', () => {
  it('every topic of the toml has a route at its uri, and every route a subscription', async () => {
    const declared = listAppTomlTopics(await readAppToml(TOML));
    const handled = shopifyWebhookRoutes.flatMap((route) =>
      route.topics.map((topic) => ({ topic, uri: route.path })),
    );
    const key = (entry: { topic: string; uri: string }) => `${entry.topic} → ${entry.uri}`;
    expect(declared.map(key).sort()).toEqual(handled.map(key).sort());
  });

  it('the app scopes and API version match the server configuration', async () => {
    const toml = await readAppToml(TOML);
    expect(toml.scopes).toEqual([...app.stack.config.shopify.scopes]);
    expect(toml.apiVersion).toBe(app.stack.config.shopify.apiVersion);
  });

  it('each route is mounted and answers a signed delivery of its topic (not 404)', async () => {
    for (const { topic, uri } of listAppTomlTopics(await readAppToml(TOML))) {
      const answer = await app.deliver(uri, { topic, shop: 'toml-check.myshopify.com', body: 'not json' });
      expect([topic, answer.status]).toEqual([topic, 400]);
      expect(JSON.parse(answer.body).error.message).toContain(topic);
    }
  });
});
