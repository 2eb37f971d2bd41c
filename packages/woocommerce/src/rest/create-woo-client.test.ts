import { Agent } from 'node:https';
import { ErrorKinds } from '@dropship/core';
import { startWooStandIn } from '../../../../test/support/woocommerce-stand-in';
import type { WooStandIn } from '../../../../test/support/woocommerce-stand-in';
import { WooConnectorError } from '../errors';
import { createWooClient } from './create-woo-client';
import type { WooClientOptions } from './create-woo-client';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function failureOf(promise: Promise<unknown>): Promise<WooConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WooConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('WooCommerce REST client over http (OAuth 1.0a)', () => {
  let standIn: WooStandIn;
  let key: { consumerKey: string; consumerSecret: string };
  const client = (extra: Partial<WooClientOptions> = {}) =>
    createWooClient({ url: standIn.url, ...key, retryBaseDelayMs: 5, ...extra });

  beforeAll(async () => {
    standIn = await startWooStandIn();
    key = standIn.createKey();
    standIn.addProducts(245);
    standIn.addProducts(5, { status: 'draft' });
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.resetStats());

  it('walks 250 products in three pages of at most 100, following X-WP-TotalPages', async () => {
    const products = await collect(client().iterateProducts());
    expect(products).toHaveLength(250);
    expect(new Set(products.map((p) => p.id)).size).toBe(250);
    expect(standIn.requests.map((r) => [r.query.page, r.query.per_page, r.auth])).toEqual([
      ['1', '100', 'oauth1'],
      ['2', '100', 'oauth1'],
      ['3', '100', 'oauth1'],
    ]);
  });

  it('lists one page with the totals from X-WP-Total and X-WP-TotalPages', async () => {
    const page = await client().listProducts({ status: 'publish', page: 3, perPage: 100 });
    expect(page).toMatchObject({ page: 3, total: 245, totalPages: 3 });
    expect(page.items).toHaveLength(45);
    expect(page.items.every((p) => p.status === 'publish')).toBe(true);
  });

  it('reads one product, and answers null for a product deleted for good', async () => {
    const [first] = standIn.addProducts(1, { name: 'Mug' });
    expect(await client().getProduct(first!.id)).toMatchObject({
      id: first!.id,
      name: 'Mug',
      status: 'publish',
    });
    standIn.deleteProduct(first!.id);
    expect(await client().getProduct(first!.id)).toBeNull();
  });

  it('iterates orders filtered by status and modified_after', async () => {
    const old = standIn.addOrders(3, { status: 'processing', date_modified_gmt: '2025-01-01T00:00:00' });
    const recent = standIn.addOrders(120, { status: 'processing', date_modified_gmt: '2026-06-01T00:00:00' });
    standIn.addOrders(2, { status: 'completed', date_modified_gmt: '2026-06-01T00:00:00' });
    const orders = await collect(
      client().iterateOrders({ status: 'processing', modifiedAfter: new Date('2026-01-01T00:00:00Z') }),
    );
    expect(orders.map((o) => o.id)).toEqual(recent.map((o) => o.id));
    expect(orders.some((o) => old.some((x) => x.id === o.id))).toBe(false);
    expect(standIn.requests.at(-1)?.query).toMatchObject({
      status: 'processing',
      modified_after: '2026-01-01T00:00:00',
      dates_are_gmt: 'true',
    });
  });

  it('retries a 429 after the Retry-After delay and then succeeds', async () => {
    standIn.simulate.rateLimit(2, 1);
    const started = Date.now();
    const page = await client({ retries: 3 }).listProducts({ perPage: 5 });
    expect(page.items).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(standIn.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('retries 503 answers with backoff, then gives up with UNAVAILABLE after the retries', async () => {
    standIn.simulate.unavailable(2);
    expect((await client({ retries: 2 }).listProducts({ perPage: 1 })).items).toHaveLength(1);
    standIn.resetStats();
    standIn.simulate.unavailable(10);
    const error = await failureOf(client({ retries: 2 }).listProducts({ perPage: 1 }));
    expect(error.kind).toBe(ErrorKinds.unavailable);
    expect(error.details).toMatchObject({ status: 503, attempts: 3 });
    expect(standIn.requests).toHaveLength(3);
    standIn.simulate.unavailable(0);
  });

  it('gives up at once when Retry-After asks for longer than the longest wait, saying how long', async () => {
    standIn.simulate.rateLimit(1, 120);
    const error = await failureOf(client({ maxRetryDelayMs: 1000 }).listProducts());
    expect(error.kind).toBe(ErrorKinds.unavailable);
    expect(error.details.retryAfterMs).toBe(120_000);
    expect(standIn.requests).toHaveLength(1);
  });

  it('a revoked key fails with UNAUTHORIZED and keysRevoked, without retrying', async () => {
    const doomed = standIn.createKey();
    standIn.revokeKeys(doomed.consumerKey);
    const error = await failureOf(createWooClient({ url: standIn.url, ...doomed }).listProducts());
    expect(error.kind).toBe(ErrorKinds.unauthorized);
    expect(error.keysRevoked).toBe(true);
    expect(error.details.code).toBe('woocommerce_rest_authentication_error');
    expect(standIn.requests).toHaveLength(1);
  });

  it('rejects options that make no sense, listing each problem', () => {
    expect(() =>
      createWooClient({ url: 'ftp://shop', consumerKey: '', consumerSecret: 'x', retries: -1 }),
    ).toThrow(/url.*consumerKey.*retries/s);
  });
});

describe('WooCommerce REST client over https (Basic, query-string fallback)', () => {
  let standIn: WooStandIn;
  let key: { consumerKey: string; consumerSecret: string };
  let httpsAgent: Agent;
  let firstProductId: number;

  beforeAll(async () => {
    standIn = await startWooStandIn({ tls: true });
    httpsAgent = new Agent({ ca: standIn.ca });
    key = standIn.createKey();
    firstProductId = standIn.addProducts(3)[0]!.id;
  });
  afterAll(async () => {
    httpsAgent.destroy();
    await standIn.close();
  });
  beforeEach(() => {
    standIn.resetStats();
    standIn.simulate.stripAuthorizationHeader(false);
  });

  it('authenticates with the Authorization header when the host keeps it', async () => {
    const client = createWooClient({ url: standIn.url, ...key, httpsAgent });
    expect((await client.listProducts()).items).toHaveLength(3);
    expect(standIn.requests.map((r) => r.auth)).toEqual(['basic']);
    expect(client.usesQueryStringAuth()).toBe(false);
  });

  it('switches to query-string credentials once when the host strips the Authorization header, and remembers it', async () => {
    standIn.simulate.stripAuthorizationHeader();
    const learnt: string[] = [];
    const client = createWooClient({
      url: standIn.url,
      ...key,
      httpsAgent,
      onQueryStringAuth: () => learnt.push('query_string'),
    });
    expect((await client.listProducts()).items).toHaveLength(3);
    expect(await client.getProduct(firstProductId)).toMatchObject({ id: firstProductId });
    expect(standIn.requests.map((r) => [r.auth, r.status])).toEqual([
      ['anonymous', 401],
      ['query_string', 200],
      ['query_string', 200],
    ]);
    expect(client.usesQueryStringAuth()).toBe(true);
    expect(learnt).toEqual(['query_string']);
  });

  it('a revoked key over https (anonymous even with query-string credentials) fails with keysRevoked', async () => {
    const doomed = standIn.createKey();
    standIn.revokeKeys(doomed.consumerKey);
    const client = createWooClient({ url: standIn.url, ...doomed, httpsAgent });
    const error = await failureOf(client.listProducts());
    expect(error.kind).toBe(ErrorKinds.unauthorized);
    expect(error.keysRevoked).toBe(true);
    expect(error.details.code).toBe('woocommerce_rest_cannot_view');
    expect(standIn.requests.map((r) => r.auth)).toEqual(['anonymous', 'anonymous']);
    expect(client.usesQueryStringAuth()).toBe(false);
  });

  it('a wrong consumer secret fails with UNAUTHORIZED and keysRevoked', async () => {
    const client = createWooClient({
      url: standIn.url,
      consumerKey: key.consumerKey,
      consumerSecret: 'cs_wrong',
      httpsAgent,
    });
    const error = await failureOf(client.listProducts());
    expect(error).toMatchObject({ kind: ErrorKinds.unauthorized, keysRevoked: true });
    expect(error.message).toMatch(/Consumer secret is invalid/);
  });
});
