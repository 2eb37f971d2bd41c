import { createServer } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ErrorKinds } from '@dropship/core';
import { startWooStandIn } from '../../../../test/support/woocommerce-stand-in';
import type { WooStandIn } from '../../../../test/support/woocommerce-stand-in';
import { WooConnectorError } from '../errors';
import { verifyWooSignature } from '../webhooks/verify-webhook';
import { createWooClient } from './create-woo-client';
import { WOO_APP_NAME } from '../auth/build-authorize-url';
import { ensureWooWebhooks, wooWebhookDeliveryUrl } from './ensure-webhooks';

const PLATFORM = 'https://platform.example.com/dropship';

describe.each([
  ['http, OAuth 1.0a', false],
  ['https, Basic auth', true],
])('subscribing a store to the platform webhooks (%s)', (_label, tls) => {
  let standIn: WooStandIn;
  const deliveryUrl = wooWebhookDeliveryUrl(`${PLATFORM}/`, 'store 1');
  const params = (secret: string) => ({ deliveryUrl, secret, name: WOO_APP_NAME });
  const client = (permissions: 'read' | 'read_write' = 'read_write') =>
    createWooClient({
      url: standIn.url,
      ...standIn.createKey(permissions),
      retryBaseDelayMs: 1,
      httpsAgent: standIn.isHttps ? new Agent({ ca: standIn.ca }) : undefined,
    });

  beforeEach(async () => {
    standIn = await startWooStandIn({ tls });
  });
  afterEach(() => standIn.close());

  it('builds the delivery URL under the platform URL, the store id escaped', () => {
    expect(deliveryUrl).toBe(`${PLATFORM}/webhooks/woocommerce/store%201`);
  });

  it('creates one active webhook per topic, named for the platform and signed with the secret', async () => {
    const result = await ensureWooWebhooks(client(), params('secret-1'));
    expect(result).toEqual({ created: ['order.created', 'product.deleted'], updated: [], paused: [] });
    const webhooks = standIn.webhooks();
    expect(webhooks.map((w) => [w.topic, w.status, w.delivery_url, w.secret, w.name]).sort()).toEqual([
      ['order.created', 'active', deliveryUrl, 'secret-1', 'Dropship Connect (order.created)'],
      ['product.deleted', 'active', deliveryUrl, 'secret-1', 'Dropship Connect (product.deleted)'],
    ]);
  });

  it('run again (a retried job, a reconnection with a new secret), it updates the same webhooks instead of adding', async () => {
    await ensureWooWebhooks(client(), params('secret-1'));
    const result = await ensureWooWebhooks(client(), params('secret-2'));
    expect(result).toEqual({ created: [], updated: ['order.created', 'product.deleted'], paused: [] });
    expect(standIn.webhooks()).toHaveLength(2);
    expect(standIn.webhooks().map((w) => w.secret)).toEqual(['secret-2', 'secret-2']);
  });

  it('re-arms a webhook WooCommerce disabled after failed deliveries, and its deliveries verify with the current secret', async () => {
    const received: Array<{ body: Buffer; signature: string | undefined }> = [];
    const sink = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const signature = req.headers['x-wc-webhook-signature'];
        received.push({
          body: Buffer.concat(chunks),
          signature: typeof signature === 'string' ? signature : undefined,
        });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = sink.address() as AddressInfo;
      const local = {
        ...params('old'),
        deliveryUrl: wooWebhookDeliveryUrl(`http://127.0.0.1:${port}`, 'store 1'),
      };
      await ensureWooWebhooks(client(), local);
      const order = standIn.webhooks().find((w) => w.topic === 'order.created');
      if (!order) throw new Error('no order.created webhook');
      order.status = 'disabled';
      expect(await standIn.fireWebhooks('order.created', { id: 6 })).toEqual([]);

      await ensureWooWebhooks(client(), { ...local, secret: 'current' });
      expect(standIn.webhooks().find((w) => w.id === order.id)).toMatchObject({
        status: 'active',
        secret: 'current',
      });
      const results = await standIn.fireWebhooks('order.created', { id: 7, status: 'processing' });
      expect(results.map((r) => r.status)).toEqual([200]);
      expect(received).toHaveLength(1);
      const [delivery] = received;
      expect(verifyWooSignature(delivery?.body ?? '', delivery?.signature, 'current')).toBe(true);
      expect(verifyWooSignature(delivery?.body ?? '', delivery?.signature, 'old')).toBe(false);
    } finally {
      await new Promise((resolve) => sink.close(resolve));
    }
  });

  it('pauses extra webhooks to the same URL and topic so each order arrives once, and leaves other URLs alone', async () => {
    const api = client();
    await api.createWebhook({ topic: 'order.created', delivery_url: deliveryUrl, secret: 'a' });
    await api.createWebhook({ topic: 'order.created', delivery_url: deliveryUrl, secret: 'b' });
    const foreign = await api.createWebhook({
      topic: 'order.created',
      delivery_url: 'https://erp.example.com/hook',
      secret: 'theirs',
    });
    const result = await ensureWooWebhooks(api, params('current'));
    expect(result.created).toEqual(['product.deleted']);
    expect(result.updated).toEqual(['order.created']);
    expect(result.paused).toHaveLength(1);
    const ours = standIn
      .webhooks()
      .filter((w) => w.delivery_url === deliveryUrl && w.topic === 'order.created');
    expect(ours.map((w) => w.status).sort()).toEqual(['active', 'paused']);
    expect(standIn.webhooks().find((w) => w.id === foreign.id)).toMatchObject({
      status: 'active',
      secret: 'theirs',
    });
  });

  it('walks every page of the site’s webhooks to find its own', async () => {
    const api = client();
    for (let i = 0; i < 120; i++) {
      await api.createWebhook({
        topic: 'order.updated',
        delivery_url: `https://other.example/${i}`,
        secret: 's',
      });
    }
    await ensureWooWebhooks(api, params('one'));
    standIn.resetStats();
    const again = await ensureWooWebhooks(api, params('two'));
    expect(again.created).toEqual([]);
    expect(standIn.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/webhooks'))).toHaveLength(
      2,
    );
    expect(standIn.webhooks()).toHaveLength(122);
  });

  it('fails with UNAUTHORIZED, creating nothing, when the key may only read', async () => {
    const error = await ensureWooWebhooks(client('read'), params('s')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WooConnectorError);
    expect((error as WooConnectorError).kind).toBe(ErrorKinds.unauthorized);
    expect(standIn.webhooks()).toEqual([]);
  });

  it('does not retry a create whose answer was a server error (the next run lists first), but retries the listing', async () => {
    const api = client();
    standIn.simulate.unavailable(1);
    await ensureWooWebhooks(api, params('s'));
    expect(standIn.webhooks()).toHaveLength(2);
    standIn.resetStats();
    const fresh = await startWooStandIn({ tls });
    try {
      const other = createWooClient({
        url: fresh.url,
        ...fresh.createKey(),
        retryBaseDelayMs: 1,
        httpsAgent: fresh.isHttps ? new Agent({ ca: fresh.ca }) : undefined,
      });
      // The listing (first request) passes; the create gets a 503 and is not sent again.
      const listed = other.iterateWebhooks();
      expect((await listed.next()).done).toBe(true);
      fresh.simulate.unavailable(1);
      const failed = await other
        .createWebhook({ topic: 'order.created', delivery_url: deliveryUrl, secret: 's' })
        .catch((e: unknown) => e);
      expect((failed as WooConnectorError).kind).toBe(ErrorKinds.unavailable);
      expect(fresh.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(fresh.webhooks()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
