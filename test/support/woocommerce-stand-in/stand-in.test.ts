import { createHmac, randomBytes } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import { startWooStandIn } from './index';
import type { WooStandIn } from './index';

const enc = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** RFC 5849 one-legged signature, written from the RFC rather than from the stand-in's code. */
function oauthUrl(
  base: string,
  query: Record<string, string>,
  key: { consumerKey: string; consumerSecret: string },
  over: Record<string, string> = {},
): string {
  const params: Record<string, string> = {
    ...query,
    oauth_consumer_key: key.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    ...over,
  };
  const normalized = Object.keys(params)
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k] as string)}`)
    .join('&');
  const baseString = `GET&${enc(base)}&${enc(normalized)}`;
  const signature = createHmac('sha256', `${key.consumerSecret}&`).update(baseString).digest('base64');
  return `${base}?${new URLSearchParams({ ...params, oauth_signature: over.oauth_signature ?? signature })}`;
}

/** An error body, or (for lists) an array read through the same optional fields. */
interface WooBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string> };
  length?: number;
}

async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; body: WooBody }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as WooBody };
}

describe('WooCommerce stand-in', () => {
  let standIn: WooStandIn;
  let key: { consumerKey: string; consumerSecret: string };
  let products: string;

  beforeAll(async () => {
    standIn = await startWooStandIn();
    key = standIn.createKey();
    standIn.addProducts(25);
    products = `${standIn.url}/wp-json/wc/v3/products`;
  });
  afterAll(() => standIn.close());

  it('accepts a correct OAuth 1.0a signature and pages with X-WP-Total, X-WP-TotalPages and Link', async () => {
    const { status, headers, body } = await getJson(oauthUrl(products, { per_page: '10', page: '2' }, key));
    expect(status).toBe(200);
    expect(body).toHaveLength(10);
    expect(headers.get('x-wp-total')).toBe('25');
    expect(headers.get('x-wp-totalpages')).toBe('3');
    expect(headers.get('link')).toBe(
      `<${products}?per_page=10&page=1>; rel="prev", <${products}?per_page=10&page=3>; rel="next"`,
    );
  });

  it('refuses a replayed nonce, a stale timestamp and a wrong signature, as WooCommerce does', async () => {
    const once = oauthUrl(products, {}, key, { oauth_nonce: 'fixed-nonce-1' });
    expect((await getJson(once)).status).toBe(200);
    expect((await getJson(once)).body).toEqual({
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid nonce - nonce has already been used.',
      data: { status: 401 },
    });
    const stale = oauthUrl(products, {}, key, {
      oauth_timestamp: String(Math.floor(Date.now() / 1000) - 16 * 60),
    });
    expect((await getJson(stale)).body.message).toBe('Invalid timestamp.');
    const forged = oauthUrl(products, {}, key, { oauth_signature: 'AAAA' });
    expect((await getJson(forged)).body.message).toBe(
      'Invalid signature - provided signature does not match.',
    );
    const unknown = oauthUrl(products, {}, { consumerKey: 'ck_unknown', consumerSecret: 'cs_x' });
    expect((await getJson(unknown)).body.message).toBe('Consumer key is invalid.');
  });

  it('ignores consumer_key/consumer_secret over plain http: the request stays anonymous', async () => {
    const url = `${products}?${new URLSearchParams({ consumer_key: key.consumerKey, consumer_secret: key.consumerSecret })}`;
    expect(await getJson(url)).toMatchObject({
      status: 401,
      body: {
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      },
    });
  });

  it.each([['0'], ['101'], ['ten']])('answers 400 rest_invalid_param for per_page=%s', async (perPage) => {
    const { status, body } = await getJson(oauthUrl(products, { per_page: perPage }, key));
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): per_page',
      data: { status: 400 },
    });
    expect(body.data?.params?.per_page).toMatch(/per_page/);
  });

  it('refuses an unknown status filter and unknown routes', async () => {
    expect((await getJson(oauthUrl(products, { status: 'gone' }, key))).body.code).toBe('rest_invalid_param');
    expect((await getJson(oauthUrl(`${standIn.url}/wp-json/wc/v3/coupons`, {}, key))).body.code).toBe(
      'rest_no_route',
    );
  });

  it('a key without read permission cannot list', async () => {
    const writeOnly = standIn.createKey('write');
    expect((await getJson(oauthUrl(products, {}, writeOnly))).body.message).toBe(
      'The API key provided does not have read permissions.',
    );
  });
});

describe('WooCommerce stand-in over https', () => {
  let standIn: WooStandIn;
  let key: { consumerKey: string; consumerSecret: string };
  beforeAll(async () => {
    standIn = await startWooStandIn({ tls: true });
    key = standIn.createKey();
    standIn.addProducts(2);
  });
  afterAll(() => standIn.close());

  function get(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: WooBody }> {
    return new Promise((resolve, reject) => {
      const request = httpsGet(url, { ca: standIn.ca, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      request.on('error', reject);
    });
  }

  it('accepts Basic credentials, and query-string credentials when the host strips the header', async () => {
    const basic = {
      authorization: `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`,
    };
    const products = `${standIn.url}/wp-json/wc/v3/products`;
    expect((await get(products, basic)).status).toBe(200);
    standIn.simulate.stripAuthorizationHeader();
    expect((await get(products, basic)).body.code).toBe('woocommerce_rest_cannot_view');
    expect(
      (await get(`${products}?consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`)).status,
    ).toBe(200);
    standIn.simulate.stripAuthorizationHeader(false);
  });
});
