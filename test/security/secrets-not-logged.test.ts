import { createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { signBridgeRequest } from '@dropship/woocommerce';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { fuzzEnv, FUZZ_SHOPIFY_SECRET, sendRaw } from '../fuzz/support';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack({ env: fuzzEnv });
});
afterAll(() => stack?.close());

/** Every log line written so far, as one string. */
function logText(): string {
  return stack.logLines.map((line) => JSON.stringify(line)).join('\n');
}

test('sign-in, install, bridge and webhook requests leave no credential in the log lines', async () => {
  const secrets: string[] = [];
  const remember = (value: string) => (secrets.push(value), value);

  // Sign-in: a password, and a session cookie.
  const password = remember(`Pw-${randomBytes(12).toString('hex')}`);
  const cookie = remember(randomBytes(24).toString('base64url'));
  await request(stack.app)
    .post('/account/sign-in')
    .set('Cookie', `dc_session=${cookie}`)
    .type('form')
    .send({ email: 'owner@shop.test', password });

  // Install: the OAuth callback's code and HMAC travel in the query string.
  const code = remember(randomBytes(16).toString('hex'));
  const oauthHmac = remember(randomBytes(32).toString('hex'));
  await request(stack.app).get(
    `/auth/callback?code=${code}&hmac=${oauthHmac}&shop=x.myshopify.com&state=s&timestamp=1`,
  );

  // Bridge: the site secret is given once in a response body, then signs every request.
  const account = await stack.repos.accounts.create({ email: 'site-owner@shop.test' });
  const connectCode = remember(`DC-${randomBytes(4).toString('hex').toUpperCase()}`);
  await stack.repos.connectionCodes.create({
    code: connectCode,
    accountId: account.id,
    expiresAt: new Date(stack.clock.now().getTime() + 600_000),
  });
  const connected = await request(stack.app)
    .post('/bridge/v1/connect/code')
    .send({ code: connectCode, site_url: 'https://site.example.com' });
  expect(connected.status).toBe(200);
  const siteSecret = remember(connected.body.site_secret as string);
  const body = JSON.stringify({
    site_url: 'https://site.example.com',
    plugin_version: '1.0.0',
    wp_version: '6.1.1',
    wc_version: null,
    active: true,
  });
  const signed = signBridgeRequest({
    method: 'POST',
    path: '/bridge/v1/heartbeat',
    siteId: connected.body.site_id as string,
    secret: siteSecret,
    rawBody: body,
    now: stack.clock.now(),
  });
  remember(signed.headers['x-dropship-signature']);
  expect(
    (
      await request(stack.app)
        .post('/bridge/v1/heartbeat')
        .set(signed.headers)
        .set('Content-Type', 'application/json')
        .send(body)
    ).status,
  ).toBe(200);

  // The WooCommerce key callback: consumer key and secret in the body.
  const consumerKey = remember(`ck_${randomBytes(20).toString('hex')}`);
  const consumerSecret = remember(`cs_${randomBytes(20).toString('hex')}`);
  await request(stack.app).post('/woocommerce/auth/callback').send({
    key_id: 1,
    user_id: 'forged-state',
    consumer_key: consumerKey,
    consumer_secret: consumerSecret,
    key_permissions: 'read_write',
  });

  // A Shopify webhook: the HMAC header.
  const webhookBody = Buffer.from('{"id":1}');
  const webhookHmac = remember(
    createHmac('sha256', FUZZ_SHOPIFY_SECRET).update(webhookBody).digest('base64'),
  );
  await sendRaw(
    request(stack.app)
      .post('/webhooks/app/uninstalled')
      .set({
        'content-type': 'application/json',
        'x-shopify-topic': 'app/uninstalled',
        'x-shopify-hmac-sha256': webhookHmac,
        'x-shopify-shop-domain': 'nobody.myshopify.com',
        'x-shopify-webhook-id': 'w-1',
        authorization: `Bearer ${remember(randomBytes(20).toString('hex'))}`,
      }),
    webhookBody,
  );

  const text = logText();
  expect(stack.logLines.length).toBeGreaterThan(5);
  const leaked = secrets.filter((secret) => text.includes(secret));
  console.log(
    `${stack.logLines.length} log lines checked for ${secrets.length} credentials: ${leaked.length} found`,
  );
  expect(leaked).toEqual([]);
});

test('credentials are encrypted at rest: the stored columns never hold the plain value', async () => {
  const store = await stack.repos.stores.create({
    platform: 'woocommerce',
    domain: 'rest.example.com',
    installedAt: stack.clock.now(),
  });
  const plain = {
    siteSecret: `site-${randomBytes(8).toString('hex')}`,
    wcConsumerKey: `ck_${randomBytes(8).toString('hex')}`,
    wcConsumerSecret: `cs_${randomBytes(8).toString('hex')}`,
  };
  await stack.repos.stores.setCredentials(store.id, plain);
  await stack.repos.shopifySessions.store({
    id: 'offline_rest.myshopify.com',
    shop: 'rest.myshopify.com',
    state: 'x',
    isOnline: false,
    scope: 'read_orders',
    expires: null,
    accessToken: 'shpat_plain_token',
    onlineAccessInfo: null,
  });
  const rows = JSON.stringify([
    await stack.db.knex('stores').where({ id: store.id }).first(),
    await stack.db.knex('shopify_sessions').where({ shop: 'rest.myshopify.com' }).first(),
  ]);
  for (const value of [...Object.values(plain), 'shpat_plain_token']) expect(rows).not.toContain(value);
  expect((await stack.repos.stores.getCredentials(store.id))?.siteSecret).toBe(plain.siteSecret);
});
