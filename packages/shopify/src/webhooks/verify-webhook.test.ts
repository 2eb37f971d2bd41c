import '@shopify/shopify-api/adapters/node';

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { IncomingMessage as NodeIncomingMessage, ServerResponse as NodeServerResponse } from 'node:http';

import { ApiVersion, shopifyApi } from '@shopify/shopify-api';

import { signWebhook, toRawBody, webhookHeaders } from '../../../../test/support/shopify-stand-in';
import { appUninstalledSample } from '../../../../test/support/shopify-stand-in';
import { verifyShopifyWebhook } from './verify-webhook';

const secret = 'webhook-test-secret';
const shop = 'toy-store.myshopify.com';
const rawBody = toRawBody(appUninstalledSample);

function delivery(
  overrides: { unprefixed?: boolean; headers?: Record<string, string | undefined>; secret?: string } = {},
) {
  return webhookHeaders({
    topic: 'app/uninstalled',
    shop,
    body: appUninstalledSample,
    rawBody,
    secret: overrides.secret ?? secret,
    webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
    triggeredAt: '2025-03-01T10:00:00.000Z',
    unprefixed: overrides.unprefixed ?? false,
    overrideHeaders: overrides.headers ?? {},
  });
}

/** Express lowercases header names; so does node's IncomingMessage. */
const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

describe('verifyShopifyWebhook', () => {
  it('accepts a delivery signed with the app secret and reads every header', () => {
    const result = verifyShopifyWebhook({ rawBody, headers: lower(delivery()), secret });
    expect(result).toEqual({
      valid: true,
      webhook: {
        topic: 'app/uninstalled',
        shopDomain: shop,
        webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
        triggeredAt: new Date('2025-03-01T10:00:00.000Z'),
        apiVersion: '2026-07',
        name: null,
      },
    });
  });

  it('accepts header names in any case', () => {
    const upper = Object.fromEntries(Object.entries(delivery()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyShopifyWebhook({ rawBody, headers: upper, secret }).valid).toBe(true);
    expect(verifyShopifyWebhook({ rawBody, headers: delivery(), secret }).valid).toBe(true);
  });

  it('accepts the un-prefixed shopify-* names of events deliveries', () => {
    const result = verifyShopifyWebhook({ rawBody, headers: lower(delivery({ unprefixed: true })), secret });
    expect(result.valid && result.webhook.webhookId).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
  });

  it('rejects a delivery signed with another secret as invalid_hmac', () => {
    expect(verifyShopifyWebhook({ rawBody, headers: lower(delivery({ secret: 'other' })), secret })).toEqual({
      valid: false,
      reason: 'invalid_hmac',
    });
  });

  it('rejects a truncated or altered body as invalid_hmac', () => {
    const headers = lower(delivery());
    expect(
      verifyShopifyWebhook({ rawBody: rawBody.subarray(0, rawBody.length - 1), headers, secret }).valid,
    ).toBe(false);
    const reparsed = Buffer.from(JSON.stringify(JSON.parse(rawBody.toString()), null, 2));
    expect(verifyShopifyWebhook({ rawBody: reparsed, headers, secret })).toEqual({
      valid: false,
      reason: 'invalid_hmac',
    });
  });

  it('rejects a malformed signature of another length without throwing', () => {
    const headers = lower(delivery({ headers: { 'X-Shopify-Hmac-Sha256': 'c2hvcnQ=' } }));
    expect(verifyShopifyWebhook({ rawBody, headers, secret })).toEqual({
      valid: false,
      reason: 'invalid_hmac',
    });
  });

  it.each([
    ['X-Shopify-Hmac-Sha256', 'x-shopify-hmac-sha256'],
    ['X-Shopify-Topic', 'x-shopify-topic'],
    ['X-Shopify-Shop-Domain', 'x-shopify-shop-domain'],
    ['X-Shopify-API-Version', 'x-shopify-api-version'],
    ['X-Shopify-Webhook-Id', 'x-shopify-webhook-id'],
  ])('a delivery without %s is missing_headers naming it', (header, reported) => {
    const result = verifyShopifyWebhook({
      rawBody,
      headers: lower(delivery({ headers: { [header]: undefined } })),
      secret,
    });
    expect(result).toEqual({ valid: false, reason: 'missing_headers', missing: [reported] });
  });

  it('treats optional headers (event id, triggered at) as optional', () => {
    const headers = lower(
      delivery({ headers: { 'X-Shopify-Event-Id': undefined, 'X-Shopify-Triggered-At': undefined } }),
    );
    const result = verifyShopifyWebhook({ rawBody, headers, secret });
    expect(result.valid && [result.webhook.eventId, result.webhook.triggeredAt]).toEqual([null, null]);
  });

  it('rejects a signed delivery whose shop domain is not <name>.myshopify.com', () => {
    const headers = lower(delivery({ headers: { 'X-Shopify-Shop-Domain': 'evil.example.com' } }));
    expect(verifyShopifyWebhook({ rawBody, headers, secret })).toEqual({
      valid: false,
      reason: 'invalid_shop_domain',
    });
  });

  it('checks the signature before anything of the body: a non-JSON body with a good HMAC verifies', () => {
    const body = Buffer.from('not json at all');
    const headers = lower(delivery({ headers: { 'X-Shopify-Hmac-Sha256': signWebhook(body, secret) } }));
    expect(verifyShopifyWebhook({ rawBody: body, headers, secret }).valid).toBe(true);
  });
});

describe('agreement with @shopify/shopify-api webhooks.validate', () => {
  const shopify = shopifyApi({
    apiKey: 'key',
    apiSecretKey: secret,
    hostName: 'app.example.com',
    apiVersion: ApiVersion.July26,
    isEmbeddedApp: true,
    logger: { log: () => undefined },
  });

  function nodeRequest(headers: Record<string, string>): IncomingMessage {
    const request = new NodeIncomingMessage(new Socket());
    request.method = 'POST';
    request.url = '/webhooks/app/uninstalled';
    request.headers = lower(headers);
    return request;
  }

  async function libraryVerdict(body: Buffer, headers: Record<string, string>): Promise<boolean> {
    const rawRequest = nodeRequest(headers);
    const rawResponse = new NodeServerResponse(rawRequest) as ServerResponse;
    const result = await shopify.webhooks.validate({ rawBody: body.toString(), rawRequest, rawResponse });
    return result.valid;
  }

  const cases: Array<[string, Buffer, Record<string, string>]> = [
    ['a valid delivery', rawBody, delivery()],
    ['a valid un-prefixed delivery', rawBody, delivery({ unprefixed: true })],
    ['a wrong secret', rawBody, delivery({ secret: 'other' })],
    ['a truncated body', rawBody.subarray(0, 20), delivery()],
    ['a missing webhook id', rawBody, delivery({ headers: { 'X-Shopify-Webhook-Id': undefined } })],
    ['a missing topic', rawBody, delivery({ headers: { 'X-Shopify-Topic': undefined } })],
  ];

  it.each(cases)('both give the same verdict for %s', async (_name, body, headers) => {
    const ours = verifyShopifyWebhook({ rawBody: body, headers: lower(headers), secret });
    expect(ours.valid).toBe(await libraryVerdict(body, headers));
  });
});
