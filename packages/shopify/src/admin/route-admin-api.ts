import { ErrorKinds } from '@dropship/core';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';

import { ShopifyAdapterError } from '../errors';

const SHOP_HOST = /\.myshopify\.com$/;

let routedOrigin: string | null = null;

function rewrite(input: string | URL, origin: URL): { url: URL; shop: string } | null {
  const url = new URL(input);
  if (!SHOP_HOST.test(url.hostname)) return null;
  const shop = url.host;
  url.protocol = origin.protocol;
  url.host = origin.host;
  return { url, shop };
}

/**
 * Sends every request the library makes to `https://<shop>.myshopify.com`
 * (OAuth token, Admin GraphQL) to `origin`, with the shop in
 * `X-Forwarded-Host`. The library builds those URLs itself and its GraphQL
 * client forces `https:`, so neither `domainTransformations` nor a custom
 * shop domain can reach a plain-HTTP local server; the node adapter's
 * `abstractFetch` is the one seam. It is process-wide, hence one origin per
 * process: a second, different origin is refused.
 */
export function routeAdminApiTo(originUrl: string): void {
  const origin = new URL(originUrl);
  if (routedOrigin === origin.origin) return;
  if (routedOrigin !== null) {
    throw new ShopifyAdapterError(
      ErrorKinds.conflict,
      `Shopify Admin API requests are already routed to ${routedOrigin}; cannot route them to ${origin.origin} in the same process. ` +
        'Use one stand-in per test file.',
      { routedOrigin, requested: origin.origin },
    );
  }
  routedOrigin = origin.origin;
  setAbstractFetchFunc(async (input, init) => {
    const target = input instanceof Request ? rewrite(input.url, origin) : rewrite(input, origin);
    if (target === null) return fetch(input, init);
    if (input instanceof Request) {
      const request = new Request(target.url, input);
      request.headers.set('x-forwarded-host', target.shop);
      return fetch(request, init);
    }
    const headers = new Headers(init?.headers);
    headers.set('x-forwarded-host', target.shop);
    return fetch(target.url, { ...init, headers });
  });
}
