import { HttpResponseError } from '@shopify/shopify-api';

import { ShopifyAdapterError, toShopifyAdapterError } from './errors';
import { resolveShopifyOptions } from './options';
import type { ShopifyAdapterOptions } from './options';

const valid: ShopifyAdapterOptions = {
  apiKey: 'key',
  apiSecret: 'secret',
  scopes: ['read_products', 'write_products'],
  apiVersion: '2026-07',
  appUrl: 'https://dropship.example.com/',
  billing: { planName: 'Monthly', amount: 29, currency: 'USD', trialDays: 7, test: false },
};

describe('resolveShopifyOptions', () => {
  it('derives the host the library builds OAuth redirects from', () => {
    expect(resolveShopifyOptions(valid)).toMatchObject({
      hostName: 'dropship.example.com',
      hostScheme: 'https',
      callbackPath: '/auth/callback',
      adminApiOrigin: null,
    });
    expect(resolveShopifyOptions({ ...valid, appUrl: 'http://127.0.0.1:3000' })).toMatchObject({
      hostName: '127.0.0.1:3000',
      hostScheme: 'http',
    });
  });

  it('lists every bad option at once', () => {
    let caught: unknown;
    try {
      resolveShopifyOptions({
        ...valid,
        apiSecret: '',
        apiVersion: '2019-04',
        billing: { ...valid.billing, currency: 'usd' },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShopifyAdapterError);
    expect((caught as ShopifyAdapterError).kind).toBe('INVALID_INPUT');
    expect((caught as ShopifyAdapterError).message).toMatch(/apiSecret.*apiVersion.*billing\.currency/s);
  });
});

describe('toShopifyAdapterError', () => {
  const httpError = (code: number) => new HttpResponseError({ message: 'x', code, statusText: 'x' });

  it.each([
    [401, 'UNAUTHORIZED'],
    [402, 'FORBIDDEN'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [429, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [422, 'INVALID_INPUT'],
  ])('maps an Admin API %i to %s', (code, kind) => {
    expect(toShopifyAdapterError(httpError(code), { operation: 'test', shop: 'a.myshopify.com' }).kind).toBe(
      kind,
    );
  });

  it('maps an unreachable Shopify to UNAVAILABLE', () => {
    expect(toShopifyAdapterError(new TypeError('fetch failed'), { operation: 'test' }).kind).toBe(
      'UNAVAILABLE',
    );
  });
});
