import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWooWebhook, sendWooWebhookPing } from '../../../../test/support/woocommerce-stand-in';
import { classifyWooWebhook, verifyWooSignature } from './verify-webhook';
import type { WooWebhookClassification } from './verify-webhook';
import { parseOrderCreated, parseProductDeleted } from './parse-payloads';

const secret = 'wh-secret-Ünïcode & "quotes"';

/** A receiver like the server's route: classify, verify, answer. */
function startReceiver(): Promise<{
  server: Server;
  url: string;
  received: { classification: WooWebhookClassification; valid: boolean; raw: string }[];
}> {
  const received: { classification: WooWebhookClassification; valid: boolean; raw: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const classification = classifyWooWebhook({ headers: req.headers, rawBody });
      const valid =
        classification.kind === 'delivery' && verifyWooSignature(rawBody, classification.signature, secret);
      received.push({ classification, valid, raw: rawBody.toString('utf8') });
      const status = classification.kind === 'ping' || valid ? 200 : 401;
      res.writeHead(status).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/woocommerce/webhooks`,
        received,
      }),
    ),
  );
}

describe('WooCommerce webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => (receiver = await startReceiver()));
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));
  beforeEach(() => (receiver.received.length = 0));

  it('answers the unsigned form-encoded creation ping with 200', async () => {
    const result = await sendWooWebhookPing({ deliveryUrl: receiver.url, webhookId: 12 });
    expect(result.status).toBe(200);
    expect(receiver.received[0]?.classification).toEqual({ kind: 'ping', webhookId: 12 });
  });

  it('verifies a signed order.created delivery over the exact bytes sent (PHP-escaped JSON)', async () => {
    const order = {
      id: 727,
      status: 'processing',
      date_created_gmt: '2026-11-21T08:00:00',
      line_items: [
        { id: 1, name: 'Tasse « café »', product_id: 93, variation_id: 0, quantity: 2, sku: 'MUG/1' },
      ],
    };
    const sent = await deliverWooWebhook({
      deliveryUrl: receiver.url,
      secret,
      topic: 'order.created',
      payload: order,
      webhookId: 3,
      siteUrl: 'https://shop.example.com',
    });
    expect(sent.rawBody).toContain('MUG\\/1');
    expect(sent.status).toBe(200);
    const [first] = receiver.received;
    expect(first?.classification).toMatchObject({
      kind: 'delivery',
      topic: 'order.created',
      resource: 'order',
      event: 'created',
      webhookId: 3,
      deliveryId: sent.headers['X-WC-Webhook-Delivery-ID'],
      source: 'https://shop.example.com/',
    });
    const parsed = parseOrderCreated(first!.raw);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        order: {
          id: 727,
          line_items: [{ product_id: 93, sku: 'MUG/1', quantity: 2, name: 'Tasse « café »' }],
        },
      },
    });
    if (parsed.ok) expect(parsed.value.createdAt?.toISOString()).toBe('2026-11-21T08:00:00.000Z');
  });

  it('refuses a delivery whose signature was made with another secret', async () => {
    const sent = await deliverWooWebhook({
      deliveryUrl: receiver.url,
      secret: 'other',
      topic: 'product.deleted',
      payload: { id: 93 },
      webhookId: 4,
      siteUrl: 'https://shop.example.com',
    });
    expect(sent.status).toBe(401);
    expect(receiver.received[0]).toMatchObject({
      valid: false,
      classification: { kind: 'delivery', topic: 'product.deleted' },
    });
  });

  it('refuses a body changed after signing', () => {
    const raw = '{"id":93}';
    const headers = { 'x-wc-webhook-signature': 'ignored' };
    const signature = createHmac('sha256', secret).update(raw).digest('base64');
    expect(verifyWooSignature(raw, signature, secret)).toBe(true);
    expect(verifyWooSignature('{"id":94}', signature, secret)).toBe(false);
    expect(verifyWooSignature(raw, undefined, secret)).toBe(false);
    expect(classifyWooWebhook({ headers, rawBody: raw, contentType: 'application/json' })).toEqual({
      kind: 'invalid',
      reason: 'missing_headers',
    });
  });

  it('treats unsigned bodies other than a ping, and topics that do not match their resource, as invalid', () => {
    expect(classifyWooWebhook({ headers: {}, rawBody: '{"id":1}', contentType: 'application/json' })).toEqual(
      { kind: 'invalid', reason: 'missing_headers' },
    );
    expect(
      classifyWooWebhook({ headers: {}, rawBody: 'webhook_id=12', contentType: 'application/json' }),
    ).toEqual({ kind: 'invalid', reason: 'missing_headers' });
    const headers = {
      'x-wc-webhook-signature': 'x',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-resource': 'product',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-id': '1',
      'x-wc-webhook-delivery-id': 'd',
      'x-wc-webhook-source': 'https://s.example/',
    };
    expect(classifyWooWebhook({ headers, rawBody: '{}', contentType: 'application/json' })).toEqual({
      kind: 'invalid',
      reason: 'topic_mismatch',
    });
    expect(
      classifyWooWebhook({
        headers: { ...headers, 'x-wc-webhook-resource': 'order' },
        rawBody: '{}',
        contentType: 'text/plain',
      }),
    ).toEqual({
      kind: 'invalid',
      reason: 'unexpected_content_type',
    });
  });

  it('parses product.deleted as the bare id WooCommerce sends for deleted resources', () => {
    expect(parseProductDeleted('{"id":93}')).toEqual({ ok: true, value: { productId: 93 } });
    expect(parseProductDeleted({ id: '93' })).toEqual({ ok: true, value: { productId: 93 } });
    expect(parseProductDeleted('{"name":"x"}')).toMatchObject({ ok: false });
    expect(parseOrderCreated('not json')).toEqual({ ok: false, error: 'The webhook body is not JSON.' });
  });
});
