import { orderSyncSchedulerId, storeWebhooksJobId } from '@dropship/queues';
import request from 'supertest';
import { startWooStandIn } from '../support/woocommerce-stand-in';
import type { WooStandIn } from '../support/woocommerce-stand-in';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { connectWithCode, sendSigned } from './bridge-support';

/**
 * WooCommerce's key flow, with the stand-in as the shop: connect/start → the
 * authorize parameters → WooCommerce's key POST to our callback → claim.
 */
describe('connecting through WooCommerce key flow', () => {
  let stack: TestStack;
  let shop: WooStandIn;
  const returnUrl =
    'http://shop.example/wp-admin/admin.php?page=dropship-connect&dropship_connect_return=1&_wpnonce=abc123';

  beforeAll(async () => {
    stack = await createTestStack({ env: { SHOPIFY_APP_URL: 'https://platform.example.com/dropship' } });
    shop = await startWooStandIn();
  });
  afterAll(async () => {
    await shop.close();
    await stack.close();
  });

  async function start(siteUrl = shop.url) {
    const response = await request(stack.app)
      .post('/bridge/v1/connect/start')
      .send({ site_url: siteUrl, admin_email: 'Owner@Shop.Example', return_url: returnUrl });
    expect(response.status).toBe(200);
    return response.body as {
      connection_id: string;
      claim_secret: string;
      state: string;
      authorize_params: Record<string, string>;
    };
  }

  /** What WC_Auth::post_consumer_data() sends once the owner approved. */
  function wooPostsKey(state: string, key = shop.createKey('read_write')) {
    return request(stack.app)
      .post('/woocommerce/auth/callback')
      .set('Content-Type', 'application/json;charset=UTF-8')
      .send(
        JSON.stringify({
          key_id: key.keyId,
          user_id: state,
          consumer_key: key.consumerKey,
          consumer_secret: key.consumerSecret,
          key_permissions: 'read_write',
        }),
      );
  }

  it('hands out authorize parameters WooCommerce accepts, with the return URL untouched', async () => {
    const started = await start();
    expect(started.authorize_params).toEqual({
      app_name: 'Dropship Connect',
      scope: 'read_write',
      user_id: started.state,
      return_url: returnUrl,
      callback_url: 'https://platform.example.com/dropship/woocommerce/auth/callback',
    });
    expect(started.state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('stores the key encrypted after checking it on the site, answers exactly 200, and lets the site claim once', async () => {
    const started = await start();
    const callback = await wooPostsKey(started.state);
    expect(callback.status).toBe(200);
    expect(
      shop.requests.some(
        (r) => r.path === '/wp-json/wc/v3/products' && r.auth === 'oauth1' && r.status === 200,
      ),
    ).toBe(true);

    const claim = await request(stack.app)
      .post('/bridge/v1/connect/claim')
      .send({ connection_id: started.connection_id, claim_secret: started.claim_secret });
    expect(claim.status).toBe(200);
    const siteId = claim.body.site_id as string;
    const credentials = await stack.repos.stores.getCredentials(siteId);
    expect(credentials).toMatchObject({
      siteSecret: claim.body.site_secret,
      contactEmail: 'Owner@Shop.Example',
    });
    expect(credentials?.wcConsumerKey).toMatch(/^ck_/);
    const row = await stack.db.knex('stores').where({ id: siteId }).first();
    expect(JSON.stringify(row)).not.toContain(credentials?.wcConsumerKey as string);
    expect(await stack.repos.wooStores.findByStore(siteId)).toMatchObject({
      siteUrl: shop.url,
      keyPermissions: 'read_write',
    });
    const account = await stack.repos.accounts.findByEmail('owner@shop.example');
    expect((await stack.repos.stores.findById(siteId))?.accountId).toBe(account?.id);
    expect(await stack.repos.subscriptions.findLatestByStore(siteId)).toMatchObject({
      provider: 'platform',
      status: 'trial',
    });

    const second = await request(stack.app)
      .post('/bridge/v1/connect/claim')
      .send({ connection_id: started.connection_id, claim_secret: started.claim_secret });
    expect(second.status).toBe(409);
  });

  it('refuses a forged or expired state with a non-200 status, so WooCommerce deletes the key', async () => {
    const started = await start();
    const [payload] = started.state.split('.');
    expect((await wooPostsKey(`${payload}.forged-signature`)).status).toBe(401);
    stack.clock.advance(15 * 60 * 1000);
    expect((await wooPostsKey(started.state)).status).toBe(401);
    stack.clock.advance(-15 * 60 * 1000);
  });

  it('refuses keys the named site does not accept, so nobody attaches their own shop to another site', async () => {
    const started = await start();
    const other = await startWooStandIn();
    try {
      const callback = await wooPostsKey(started.state, other.createKey('read_write'));
      expect(callback.status).toBe(400);
      expect(callback.body.error).toBe('keys_rejected');
      const claim = await request(stack.app)
        .post('/bridge/v1/connect/claim')
        .send({ connection_id: started.connection_id, claim_secret: started.claim_secret });
      expect(claim.status).toBe(409);
    } finally {
      await other.close();
    }
  });

  it('refuses a claim with the wrong claim secret', async () => {
    const started = await start();
    expect((await wooPostsKey(started.state)).status).toBe(200);
    const claim = await request(stack.app)
      .post('/bridge/v1/connect/claim')
      .send({ connection_id: started.connection_id, claim_secret: 'x'.repeat(43) });
    expect(claim.status).toBe(401);
  });

  it('lets a site connected with a code add its REST keys later, through a signed key flow', async () => {
    const later = await startWooStandIn();
    try {
      await addKeysLater(later);
    } finally {
      await later.close();
    }
  });

  async function addKeysLater(later: WooStandIn) {
    const site = await connectWithCode(stack, later.url, 'later@shop.example');
    const signed = await sendSigned(stack, site, '/bridge/v1/keys/start', {
      body: JSON.stringify({ return_url: returnUrl }),
      signedPath: '/dropship/bridge/v1/keys/start',
    });
    expect(signed.status).toBe(200);
    const key = later.createKey('read_write');
    expect((await wooPostsKey(signed.body.state as string, key)).status).toBe(200);
    expect((await stack.repos.stores.getCredentials(site.siteId))?.wcConsumerKey).toMatch(/^ck_/);
    expect((await stack.repos.wooStores.findByStore(site.siteId))?.keyId).not.toBeNull();
    // With a key, the platform can now read the site's orders and subscribe its webhooks.
    expect(await stack.queues.orderSync.getJobScheduler(orderSyncSchedulerId(site.siteId))).toBeTruthy();
    const job = await stack.queues.orderSync.getJob(storeWebhooksJobId(site.siteId, `key-${key.keyId}`));
    expect(job?.data).toEqual({ storeId: site.siteId, reference: `key-${key.keyId}` });
  }
});
