import { appUninstalledSample, signWebhook } from '../support/shopify-stand-in';
import { startShopifyApp } from './support/shopify-app';
import type { ShopifyApp } from './support/shopify-app';

const UNINSTALL = '/webhooks/app/uninstalled';
const shop = 'guarded-shop.myshopify.com';
let app: ShopifyApp;

beforeAll(async () => {
  app = await startShopifyApp({ dialect: 'postgres', options: { bodyLimitBytes: 64 * 1024 } });
  await app.installAndSubscribe(shop);
});
afterAll(() => app?.close());

const TABLES = [
  'stores',
  'subscriptions',
  'shopify_sessions',
  'lifecycle_events',
  'compliance_requests',
  'orders',
];

async function snapshot(): Promise<Record<string, unknown[]>> {
  const knex = app.stack.db.knex;
  const entries = await Promise.all(
    TABLES.map(async (table) => [table, await knex(table).orderBy('id')] as const),
  );
  return Object.fromEntries(entries);
}

/** Delivers, and returns the answer with the log lines the request wrote. */
async function deliverLogged(params: Parameters<ShopifyApp['deliver']>[1]) {
  const before = app.stack.logLines.length;
  const answer = await app.deliver(UNINSTALL, params);
  await new Promise((resolve) => setImmediate(resolve));
  return { answer, lines: app.stack.logLines.slice(before) };
}

const body = { ...appUninstalledSample, myshopify_domain: shop };

describe('app/uninstalled rejects what Shopify did not sign, changing nothing', () => {
  const cases: Array<[string, Parameters<ShopifyApp['deliver']>[1], number]> = [
    [
      'a missing HMAC header answers 400',
      { topic: 'app/uninstalled', shop, body, overrideHeaders: { 'X-Shopify-Hmac-Sha256': undefined } },
      400,
    ],
    [
      'a missing webhook id answers 400',
      { topic: 'app/uninstalled', shop, body, overrideHeaders: { 'X-Shopify-Webhook-Id': undefined } },
      400,
    ],
    [
      'a forged signature answers 401',
      {
        topic: 'app/uninstalled',
        shop,
        body,
        overrideHeaders: { 'X-Shopify-Hmac-Sha256': signWebhook('{}', 'x') },
      },
      401,
    ],
    [
      'a body signed with another secret answers 401',
      { topic: 'app/uninstalled', shop, body, secret: 'not-our-secret' },
      401,
    ],
    [
      'a signature that is not base64 answers 401',
      { topic: 'app/uninstalled', shop, body, overrideHeaders: { 'X-Shopify-Hmac-Sha256': 'not base64!' } },
      401,
    ],
  ];

  it.each(cases)('%s', async (_name, params, status) => {
    const before = await snapshot();
    const { answer, lines } = await deliverLogged(params);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(lines).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a truncated body (signed whole, cut in transit) answers 401', async () => {
    const raw = JSON.stringify(body);
    const before = await snapshot();
    const { answer, lines } = await deliverLogged({
      topic: 'app/uninstalled',
      shop,
      body: raw.slice(0, raw.length - 20),
      overrideHeaders: { 'X-Shopify-Hmac-Sha256': signWebhook(raw, 'e2e-shopify-api-secret') },
    });
    expect(answer.status).toBe(401);
    expect(lines).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a bad signature answers the same whether or not the shop exists', async () => {
    const forged = { 'X-Shopify-Hmac-Sha256': signWebhook('x', 'y') };
    const known = await app.deliver(UNINSTALL, {
      topic: 'app/uninstalled',
      shop,
      body,
      overrideHeaders: forged,
    });
    const unknown = await app.deliver(UNINSTALL, {
      topic: 'app/uninstalled',
      shop: 'nobody.myshopify.com',
      body,
      overrideHeaders: forged,
    });
    const strip = (text: string) => ({
      ...(JSON.parse(text) as { error: object }).error,
      requestId: undefined,
    });
    expect([known.status, strip(known.body)]).toEqual([unknown.status, strip(unknown.body)]);
  });

  it('a correctly signed body that is not JSON answers 400 and is recorded for the team', async () => {
    const before = await snapshot();
    const { answer, lines } = await deliverLogged({
      topic: 'app/uninstalled',
      shop,
      body: 'id=548380009&name=Super+Toys',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toMatch(/not JSON/);
    expect(lines).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
    const rejected = await app.stack.db.knex('audit_log').where({ action: 'shopify.webhook.rejected' });
    expect(rejected).toHaveLength(1);
  });

  it('a body over the limit answers 413', async () => {
    const before = await snapshot();
    const { answer, lines } = await deliverLogged({
      topic: 'app/uninstalled',
      shop,
      body: { ...body, padding: 'x'.repeat(70_000) },
    });
    expect(answer.status).toBe(413);
    expect(lines).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a topic delivered to the wrong route answers 400', async () => {
    const before = await snapshot();
    const { answer } = await deliverLogged({ topic: 'orders/create', shop, body });
    expect(answer.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('the newer un-prefixed header names are accepted', async () => {
    const answer = await app.deliver(UNINSTALL, {
      topic: 'app/uninstalled',
      shop,
      body: app.standIn.uninstall(shop),
      unprefixed: true,
      triggeredAt: app.stack.clock.now(),
    });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([
      200,
      { status: 'accepted', outcome: 'pending' },
    ]);
    const store = await app.stack.repos.stores.findByDomain('shopify', shop);
    expect(store?.automationEnabled).toBe(false);
  });
});
