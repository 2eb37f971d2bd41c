import { ErrorKinds } from '@dropship/core';
import { startWooStandIn } from '../../../../test/support/woocommerce-stand-in';
import type { WooStandIn } from '../../../../test/support/woocommerce-stand-in';
import { WooConnectorError } from '../errors';
import { checkPublishedProducts } from './check-published-products';
import { createWooClient } from './create-woo-client';

describe('checkPublishedProducts', () => {
  let standIn: WooStandIn;
  let key: { consumerKey: string; consumerSecret: string };

  beforeAll(async () => {
    standIn = await startWooStandIn({ latencyMs: 20 });
    key = standIn.createKey();
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.resetStats());

  it('tells published, unpublished, trashed and deleted products apart, in ledger order', async () => {
    const [live, draft, trashed, gone] = [
      standIn.addProduct(),
      standIn.addProduct({ status: 'draft' }),
      standIn.addProduct(),
      standIn.addProduct(),
    ];
    standIn.trashProduct(trashed.id);
    standIn.deleteProduct(gone.id);
    const refs = [live, draft, trashed, gone].map((p) => ({ platformProductId: String(p.id) }));
    const client = createWooClient({ url: standIn.url, ...key });

    const checks = await checkPublishedProducts(client, [
      ...refs,
      { platformProductId: 'gid://shopify/Product/1' },
    ]);

    expect(checks.map((c) => [c.platformProductId, c.presence, c.wooStatus])).toEqual([
      [String(live.id), 'published', 'publish'],
      [String(draft.id), 'unpublished', 'draft'],
      [String(trashed.id), 'deleted', 'trash'],
      [String(gone.id), 'deleted', null],
      ['gid://shopify/Product/1', 'unknown', null],
    ]);
    expect(checks[0]?.permalink).toBe(live.permalink);
  });

  it('never has more than `concurrency` requests in flight at the store', async () => {
    const products = standIn.addProducts(24);
    const client = createWooClient({ url: standIn.url, ...key });
    const checks = await checkPublishedProducts(
      client,
      products.map((p) => ({ platformProductId: String(p.id) })),
      { concurrency: 3 },
    );
    expect(checks.every((c) => c.presence === 'published')).toBe(true);
    expect(standIn.requests).toHaveLength(24);
    expect(standIn.maxInFlight()).toBe(3);
  });

  it('a product the store keeps failing on is unknown; the others are still checked', async () => {
    const products = standIn.addProducts(2);
    standIn.simulate.unavailable(2);
    const client = createWooClient({ url: standIn.url, ...key, retries: 1, retryBaseDelayMs: 1 });
    const checks = await checkPublishedProducts(
      client,
      products.map((p) => ({ platformProductId: String(p.id) })),
      { concurrency: 1 },
    );
    expect(checks.map((c) => c.presence)).toEqual(['unknown', 'published']);
    expect(checks[0]?.error).toMatch(/503/);
  });

  it('stops with UNAUTHORIZED and keysRevoked when the keys were revoked', async () => {
    const doomed = standIn.createKey();
    standIn.revokeKeys(doomed.consumerKey);
    const products = standIn.addProducts(10);
    const client = createWooClient({ url: standIn.url, ...doomed });
    const failure = checkPublishedProducts(
      client,
      products.map((p) => ({ platformProductId: String(p.id) })),
      { concurrency: 2 },
    );
    await expect(failure).rejects.toBeInstanceOf(WooConnectorError);
    await expect(failure).rejects.toMatchObject({ kind: ErrorKinds.unauthorized, keysRevoked: true });
    expect(standIn.requests.length).toBeLessThanOrEqual(2);
  });
});
