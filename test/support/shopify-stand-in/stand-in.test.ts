import '@shopify/shopify-api/adapters/node';

import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifyShopifyWebhook } from '@dropship/shopify';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';

import { appUninstalledSample, deliverWebhook, INVALID_TOKEN_BODY, startShopifyStandIn } from './index';
import type { ShopifyStandIn } from './index';

const apiKey = 'stand-in-key';
const apiSecret = 'stand-in-secret';
const shop = 'stand-in-shop.myshopify.com';
let standIn: ShopifyStandIn;

beforeAll(async () => {
  standIn = await startShopifyStandIn({
    apiKey,
    apiSecret,
    redirectUrls: ['https://app.example.com/auth/callback'],
  });
});
afterAll(() => standIn.close());

const authorizeUrl = (params: Record<string, string> = {}) =>
  `https://${shop}/admin/oauth/authorize?` +
  new URLSearchParams({
    client_id: apiKey,
    scope: 'read_orders',
    redirect_uri: 'https://app.example.com/auth/callback',
    state: 'nonce-1',
    ...params,
  });

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${standIn.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-host': shop, ...headers },
    body: JSON.stringify(body),
  });
}

async function tokenFor(): Promise<string> {
  const code = new URL(await standIn.authorize(authorizeUrl())).searchParams.get('code');
  const response = await post('/admin/oauth/access_token', {
    client_id: apiKey,
    client_secret: apiSecret,
    code,
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const graphql = (token: string, query: string, variables: Record<string, unknown> = {}) =>
  post('/admin/api/2026-07/graphql.json', { query, variables }, { 'x-shopify-access-token': token });

describe('Shopify stand-in: OAuth', () => {
  it('signs the authorize redirect the way the library verifies it', async () => {
    const callback = new URL(await standIn.authorize(authorizeUrl()));
    const query = Object.fromEntries(callback.searchParams);
    expect(Object.keys(query).sort()).toEqual(['code', 'hmac', 'host', 'shop', 'state', 'timestamp']);
    const library = shopifyApi({
      apiKey,
      apiSecretKey: apiSecret,
      hostName: 'app.example.com',
      apiVersion: ApiVersion.July26,
      isEmbeddedApp: true,
    });
    expect(await library.utils.validateHmac(query)).toBe(true);
    expect(await library.utils.validateHmac({ ...query, shop: 'other.myshopify.com' })).toBe(false);
  });

  it('refuses a redirect_uri the app did not declare, and an unknown client', async () => {
    expect((await standIn.browse(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }))).status).toBe(
      400,
    );
    expect((await standIn.browse(authorizeUrl({ client_id: 'nope' }))).status).toBe(400);
  });

  it('an authorization code works once, and only with the client secret', async () => {
    const code = new URL(await standIn.authorize(authorizeUrl())).searchParams.get('code');
    const wrongSecret = await post('/admin/oauth/access_token', {
      client_id: apiKey,
      client_secret: 'x',
      code,
    });
    expect(wrongSecret.status).toBe(401);
    const first = await post('/admin/oauth/access_token', {
      client_id: apiKey,
      client_secret: apiSecret,
      code,
    });
    expect(await first.json()).toEqual({
      access_token: expect.stringMatching(/^shpat_/),
      scope: 'read_orders',
    });
    const replay = await post('/admin/oauth/access_token', {
      client_id: apiKey,
      client_secret: apiSecret,
      code,
    });
    expect(replay.status).toBe(400);
  });
});

describe('Shopify stand-in: Admin GraphQL', () => {
  it('answers 401 with Shopify’s body without a valid token, and after uninstall', async () => {
    const anonymous = await graphql('shpat_unknown', '{ shop { name } }');
    expect([anonymous.status, await anonymous.json()]).toEqual([401, INVALID_TOKEN_BODY]);
    const token = await tokenFor();
    expect((await graphql(token, '{ shop { myshopifyDomain } }')).status).toBe(200);
    const body = standIn.uninstall(shop);
    expect(Object.keys(body).sort()).toEqual(Object.keys(appUninstalledSample).sort());
    expect(body).toMatchObject({
      myshopify_domain: shop,
      domain: shop,
      id: expect.any(Number),
      plan_name: 'enterprise',
    });
    const revoked = await graphql(token, '{ shop { myshopifyDomain } }');
    expect([revoked.status, await revoked.json()]).toEqual([401, INVALID_TOKEN_BODY]);
  });

  it('validates queries against the schema: an unknown field is a GraphQL error', async () => {
    const token = await tokenFor();
    const response = await graphql(token, '{ shop { planName } }');
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/Cannot query field "planName" on type "Shop"/);
  });

  it('creates products with productCreate and finds them by id', async () => {
    const token = await tokenFor();
    const created = await graphql(
      token,
      'mutation($p: ProductCreateInput) { productCreate(product: $p) { product { id handle status } userErrors { field message } } }',
      {
        p: { title: 'Cotton Tote', status: 'DRAFT' },
      },
    );
    const { data } = (await created.json()) as {
      data: { productCreate: { product: { id: string; handle: string; status: string } } };
    };
    expect(data.productCreate.product).toMatchObject({ handle: 'cotton-tote', status: 'DRAFT' });
    const found = await graphql(token, 'query($id: ID!) { product(id: $id) { title publishedAt } }', {
      id: data.productCreate.product.id,
    });
    expect(await found.json()).toEqual({ data: { product: { title: 'Cotton Tote', publishedAt: null } } });
  });

  it('refuses a forged charge confirmation', async () => {
    const response = await standIn.browse(
      `https://${shop}/admin/charges/${apiKey}/1/RecurringApplicationCharge/confirm_recurring_application_charge?signature=forged`,
    );
    expect(response.status).toBe(404);
  });
});

describe('Shopify stand-in: seeded products and orders', () => {
  const productQuery = 'query($id: ID!) { product(id: $id) { status publishedAt } }';

  it('seeds products in each status and publication, and deletes them', async () => {
    const token = await tokenFor();
    const statusOf = async (id: string) =>
      ((await (await graphql(token, productQuery, { id })).json()) as { data: { product: unknown } }).data
        .product;
    const active = standIn.addProduct(shop, { title: 'Active mug' });
    const hidden = standIn.addProduct(shop, { status: 'ACTIVE', published: false });
    const archived = standIn.addProduct(shop, { status: 'ARCHIVED' });
    expect(await statusOf(active.id)).toEqual({ status: 'ACTIVE', publishedAt: expect.any(String) });
    expect(await statusOf(hidden.id)).toEqual({ status: 'ACTIVE', publishedAt: null });
    expect(await statusOf(archived.id)).toEqual({ status: 'ARCHIVED', publishedAt: null });
    expect(standIn.deleteProduct(shop, active.id)).toBe(true);
    expect(standIn.deleteProduct(shop, active.id)).toBe(false);
    expect(await statusOf(active.id)).toBeNull();
  });

  it('lists orders created after an instant by creation time, with the financial status the webhook carries', async () => {
    const token = await tokenFor();
    const base = Date.UTC(2031, 0, 1);
    const late = standIn.addOrder(shop, {
      createdAt: new Date(base + 2000),
      updatedAt: new Date(base + 3000),
      lineItems: [{ title: 'A' }],
    });
    const early = standIn.addOrder(shop, {
      createdAt: new Date(base + 1000),
      updatedAt: new Date(base + 9000),
      financialStatus: 'PARTIALLY_PAID',
      lineItems: [{ title: 'B' }],
    });
    standIn.addOrder(shop, { createdAt: new Date(base), lineItems: [{ title: 'C' }] });
    const response = await graphql(
      token,
      'query($q: String) { orders(first: 10, query: $q, sortKey: CREATED_AT) { nodes { id displayFinancialStatus } } }',
      { q: `created_at:>'${new Date(base).toISOString()}'` },
    );
    expect(await response.json()).toEqual({
      data: {
        orders: {
          nodes: [
            { id: early.id, displayFinancialStatus: 'PARTIALLY_PAID' },
            { id: late.id, displayFinancialStatus: 'PAID' },
          ],
        },
      },
    });
    expect(early.webhookPayload.financial_status).toBe('partially_paid');
  });
});

describe('Shopify stand-in: webhook deliveries', () => {
  it('sends the documented headers, signed so the app can verify them', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
    const app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/app/uninstalled`;
    try {
      const triggeredAt = new Date('2025-05-05T05:05:05.000Z');
      const result = await deliverWebhook({
        url,
        topic: 'app/uninstalled',
        shop,
        body: appUninstalledSample,
        secret: apiSecret,
        triggeredAt,
      });
      expect(result.status).toBe(200);
      const [delivery] = received;
      expect(Object.keys(delivery?.headers ?? {})).toEqual(
        expect.arrayContaining([
          'x-shopify-topic',
          'x-shopify-hmac-sha256',
          'x-shopify-shop-domain',
          'x-shopify-api-version',
          'x-shopify-webhook-id',
          'x-shopify-event-id',
          'x-shopify-triggered-at',
        ]),
      );
      const verdict = verifyShopifyWebhook({
        rawBody: delivery?.body as Buffer,
        headers: delivery?.headers ?? {},
        secret: apiSecret,
      });
      expect(verdict).toMatchObject({
        valid: true,
        webhook: { topic: 'app/uninstalled', shopDomain: shop, webhookId: result.webhookId, triggeredAt },
      });

      await deliverWebhook({
        url,
        topic: 'shop/redact',
        shop,
        body: { shop_id: 1, shop_domain: shop },
        secret: apiSecret,
        unprefixed: true,
      });
      expect(received[1]?.headers['shopify-topic']).toBe('shop/redact');
      expect(received[1]?.headers['x-shopify-topic']).toBeUndefined();
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
