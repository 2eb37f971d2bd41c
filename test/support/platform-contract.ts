/**
 * The behaviours every StorePlatform adapter (Shopify, WooCommerce) must show,
 * run against that platform's local stand-in. An adapter's test file calls
 * `describePlatformContract('Name', makeFixture)` once.
 */
import { ErrorKinds, isDomainError } from '@dropship/core';
import type { PlatformOrder, Store, StorePlatform } from '@dropship/core';

export interface PlatformContractFixture {
  adapter: StorePlatform;
  /** A connected store whose credentials work at the stand-in. */
  store: Store;
  /** A store of the same platform whose credentials the stand-in has revoked. */
  revokedStore: Store;
  /** Orders per page the adapter was configured with: the suite seeds more than two pages of them. */
  ordersPerPage: number;
  /** Creates orders on `store`, one second apart from `firstCreatedAt`; returns their platform order ids in creation order. */
  seedOrders(count: number, firstCreatedAt: Date): Promise<string[]>;
  /** Creates a product on `store` in that state; returns its platform product id. */
  seedProduct(state: 'published' | 'unpublished' | 'deleted'): Promise<string>;
  /** The host the product admin URL must point at (the shop's own host for WooCommerce, admin.shopify.com for Shopify). */
  adminHost: string;
  close(): Promise<void>;
}

async function walkOrders(
  adapter: StorePlatform,
  store: Store,
  since: Date,
): Promise<{ orders: PlatformOrder[]; pages: number }> {
  const orders: PlatformOrder[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await adapter.listRecentOrders(store, { since, cursor });
    orders.push(...page.orders);
    cursor = page.nextCursor;
    pages++;
    if (pages > 100) throw new Error('listRecentOrders never returned a null nextCursor');
  } while (cursor !== null);
  return { orders, pages };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.kind;
    throw error;
  }
  return 'resolved';
}

export function describePlatformContract(
  name: string,
  makeFixture: () => Promise<PlatformContractFixture>,
): void {
  describe(`StorePlatform contract: ${name}`, () => {
    let fixture: PlatformContractFixture;
    beforeAll(async () => {
      fixture = await makeFixture();
    });
    afterAll(() => fixture?.close());

    it('serves the platform of the stores it is given', () => {
      expect(fixture.adapter.platform).toBe(fixture.store.platform);
    });

    it('gives an https product admin URL on the platform admin, naming the product, even for a revoked store', () => {
      for (const store of [fixture.store, fixture.revokedStore]) {
        const url = new URL(fixture.adapter.productAdminUrl(store, { platformProductId: '4242' }));
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe(fixture.adminHost);
        expect(url.toString()).toContain('4242');
      }
    });

    it('lists every order created since the given time, oldest first, across pages, each once', async () => {
      const since = new Date(Date.UTC(2026, 5, 1));
      await fixture.seedOrders(3, new Date(since.getTime() - 3_600_000));
      const expected = await fixture.seedOrders(
        fixture.ordersPerPage * 2 + 3,
        new Date(since.getTime() + 60_000),
      );

      const { orders, pages } = await walkOrders(fixture.adapter, fixture.store, since);

      expect(orders.map((o) => o.platformOrderId)).toEqual(expected);
      expect(pages).toBe(3);
      const times = orders.map((o) => o.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(orders.every((o) => o.createdAt > since && o.lines.length > 0 && o.name.length > 0)).toBe(true);
    });

    it('answers an empty last page when no order was created since', async () => {
      const page = await fixture.adapter.listRecentOrders(fixture.store, {
        since: new Date(Date.UTC(2099, 0, 1)),
      });
      expect(page).toEqual({ orders: [], nextCursor: null });
    });

    it('fails with UNAUTHORIZED when the store revoked the credentials', async () => {
      expect(
        await kindOf(fixture.adapter.listRecentOrders(fixture.revokedStore, { since: new Date(0) })),
      ).toBe(ErrorKinds.unauthorized);
    });

    it('tells published, unpublished and deleted products apart', async () => {
      const [published, unpublished, deleted] = [
        await fixture.seedProduct('published'),
        await fixture.seedProduct('unpublished'),
        await fixture.seedProduct('deleted'),
      ];
      const presence = (id: string) =>
        fixture.adapter.productPresence(fixture.store, { platformProductId: id });
      expect([await presence(published), await presence(unpublished), await presence(deleted)]).toEqual([
        'published',
        'unpublished',
        'deleted',
      ]);
    });

    it('answers unknown for product presence once the credentials are revoked', async () => {
      const id = await fixture.seedProduct('published');
      expect(await fixture.adapter.productPresence(fixture.revokedStore, { platformProductId: id })).toBe(
        'unknown',
      );
    });
  });
}
