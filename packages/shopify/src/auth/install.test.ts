import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isDomainError } from '@dropship/core';

import type { ShopifyStandIn } from '../../../../test/support/shopify-stand-in';
import { createSessionToken, startShopifyStandIn } from '../../../../test/support/shopify-stand-in';
import { createShopifyApi } from '../create-shopify-api';
import type { ShopifyAdapter } from '../create-shopify-api';
import type { InstallResult } from './complete-install';

const apiKey = 'install-test-key';
const apiSecret = 'install-test-secret';
const shop = 'gadget-shop.myshopify.com';
const browser = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
};

let standIn: ShopifyStandIn;
let appServer: Server;
let appUrl: string;
let adapter: ShopifyAdapter;
const installs: InstallResult[] = [];

/** A minimal app: the two OAuth routes the server will have, answering errors by kind. */
function startApp(): Promise<string> {
  appServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    const work =
      url.pathname === '/auth'
        ? adapter.beginInstall(req, res, url.searchParams.get('shop') ?? '')
        : adapter.completeInstall(req, res).then((result) => {
            installs.push(result);
            res.writeHead(200).end('installed');
          });
    work.catch((error: unknown) => {
      res
        .writeHead(isDomainError(error) && error.kind === 'UNAUTHORIZED' ? 401 : 400)
        .end(isDomainError(error) ? error.kind : 'error');
    });
  });
  return new Promise((resolve) =>
    appServer.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(appServer.address() as AddressInfo).port}`),
    ),
  );
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

beforeAll(async () => {
  standIn = await startShopifyStandIn({ apiKey, apiSecret });
  appUrl = await startApp();
  adapter = createShopifyApi({
    apiKey,
    apiSecret,
    scopes: ['read_products', 'write_products', 'read_orders'],
    apiVersion: '2026-07',
    appUrl,
    billing: { planName: 'Dropship Monthly', amount: 29, currency: 'USD', trialDays: 7, test: true },
    adminApiOrigin: standIn.origin,
    log: () => undefined,
  });
});

afterAll(async () => {
  await new Promise((resolve) => appServer.close(resolve));
  await standIn.close();
});

async function begin(): Promise<{ authorizeUrl: string; cookie: string }> {
  const response = await fetch(`${appUrl}/auth?shop=${shop}`, { headers: browser, redirect: 'manual' });
  expect(response.status).toBe(302);
  return { authorizeUrl: response.headers.get('location') ?? '', cookie: cookiesFrom(response) };
}

describe('OAuth install against the Shopify stand-in', () => {
  it('begin redirects to the shop consent screen asking for an offline token with our scopes', async () => {
    const { authorizeUrl, cookie } = await begin();
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`https://${shop}/admin/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(apiKey);
    // The library drops read_x when write_x is asked: write implies read.
    expect(url.searchParams.get('scope')).toBe('write_products,read_orders');
    expect(url.searchParams.get('redirect_uri')).toBe(`${appUrl}/auth/callback`);
    expect(url.searchParams.get('grant_options[]')).toBe('');
    expect(cookie).toContain('shopify_app_state=');
  });

  it('callback trades the code for an offline session with an access token', async () => {
    const { authorizeUrl, cookie } = await begin();
    const callbackUrl = await standIn.authorize(authorizeUrl);
    const response = await fetch(callbackUrl, { headers: { ...browser, cookie }, redirect: 'manual' });
    expect(response.status).toBe(200);
    const install = installs.at(-1) as InstallResult;
    expect(install.shop).toBe(shop);
    expect(install.accessToken).toMatch(/^shpat_/);
    expect(install.scopes).toEqual(['write_products', 'read_orders']);
    expect(install.session.isOnline).toBe(false);
    expect(install.record).toMatchObject({
      id: `offline_${shop}`,
      shop,
      isOnline: false,
      accessToken: install.accessToken,
      expires: null,
    });
    expect(standIn.state.tokens.get(install.accessToken)).toBe(shop);
  });

  it('a callback with a tampered hmac is refused as UNAUTHORIZED and issues no token', async () => {
    const { authorizeUrl, cookie } = await begin();
    const callbackUrl = new URL(await standIn.authorize(authorizeUrl));
    callbackUrl.searchParams.set('hmac', '0'.repeat(64));
    const tokensBefore = standIn.state.tokens.size;
    const response = await fetch(callbackUrl, { headers: { ...browser, cookie }, redirect: 'manual' });
    expect([response.status, await response.text()]).toEqual([401, 'UNAUTHORIZED']);
    expect(standIn.state.tokens.size).toBe(tokensBefore);
  });

  it('a callback without the state cookie (another browser) is refused as UNAUTHORIZED', async () => {
    const { authorizeUrl } = await begin();
    const callbackUrl = await standIn.authorize(authorizeUrl);
    const response = await fetch(callbackUrl, { headers: browser, redirect: 'manual' });
    expect(response.status).toBe(401);
  });

  it('begin refuses a shop that is not a myshopify domain', async () => {
    const response = await fetch(`${appUrl}/auth?shop=evil.example.com`, {
      headers: browser,
      redirect: 'manual',
    });
    expect([response.status, await response.text()]).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('embedded app session tokens', () => {
  it('a session token signed by Shopify for this app names the shop and user', async () => {
    const result = await adapter.verifySessionToken(standIn.sessionToken(shop, { userId: '77' }));
    expect(result).toMatchObject({ valid: true, shop, userId: '77' });
  });

  it('an expired token, or one for another app, is invalid (a value, not a throw)', async () => {
    const expired = await adapter.verifySessionToken(standIn.sessionToken(shop, { expiresIn: -60 }));
    expect(expired).toMatchObject({ valid: false, reason: 'invalid_token' });
    const otherApp = createSessionToken({ apiKey: 'other-app', apiSecret, shop });
    expect(await adapter.verifySessionToken(otherApp)).toMatchObject({
      valid: false,
      reason: 'invalid_token',
    });
    expect(await adapter.verifySessionToken('not-a-jwt')).toMatchObject({ valid: false });
  });

  it('token exchange turns a session token into an offline access token', async () => {
    const result = await adapter.exchangeSessionToken({
      shop: 'exchange-shop.myshopify.com',
      sessionToken: standIn.sessionToken('exchange-shop.myshopify.com'),
    });
    expect(result.accessToken).toMatch(/^shpat_/);
    expect(result.record.id).toBe('offline_exchange-shop.myshopify.com');
  });

  it('sanitizeShop accepts only <name>.myshopify.com', () => {
    expect(adapter.sanitizeShop('Gadget-Shop.myshopify.com')).toBe(shop);
    expect(adapter.sanitizeShop('admin.shopify.com/store/gadget-shop')).toBe(shop);
    expect(adapter.sanitizeShop('gadget-shop.myshopify.com.evil.com')).toBeNull();
    expect(adapter.sanitizeShop(undefined)).toBeNull();
  });
});
