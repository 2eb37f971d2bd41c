import type { ShopifySessionRecord } from '@dropship/core';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

function session(
  shop: string,
  id: string,
  overrides: Partial<ShopifySessionRecord> = {},
): ShopifySessionRecord {
  return {
    id,
    shop,
    state: 'state-123',
    isOnline: false,
    scope: 'read_products,write_orders',
    expires: null,
    accessToken: 'shpat_plain_token',
    onlineAccessInfo: null,
    ...overrides,
  };
}

export function describeShopifySessions(get: GetContext): void {
  describe('Shopify sessions', () => {
    it('store, load and replace a session; the access token is stored encrypted', async () => {
      const { repos, db } = get();
      const shop = uniqueDomain('sessions');
      const offline = session(shop, `offline_${shop}`);
      await repos.shopifySessions.store(offline);
      expect(await repos.shopifySessions.load(offline.id)).toEqual(offline);
      const raw = (await db.knex('shopify_sessions').where({ id: offline.id }).first()) as Record<
        string,
        unknown
      >;
      expect(String(raw.access_token_enc)).toMatch(/^v1:/);
      expect(String(raw.access_token_enc)).not.toContain('shpat');

      const replaced = { ...offline, accessToken: 'shpat_second', scope: 'read_products' };
      await repos.shopifySessions.store(replaced);
      expect(await repos.shopifySessions.load(offline.id)).toEqual(replaced);
      expect(await repos.shopifySessions.load('missing')).toBeNull();
    });

    it('keeps online sessions with their expiry and online access info', async () => {
      const { repos } = get();
      const shop = uniqueDomain('sessions');
      const expires = new Date('2030-05-06T07:08:09.123Z');
      const info = { associated_user: { id: 42, email: 'staff@example.com' }, expires_in: 86399 };
      const online = session(shop, `${shop}_42`, { isOnline: true, expires, onlineAccessInfo: info });
      await repos.shopifySessions.store(online);
      const loaded = await repos.shopifySessions.load(online.id);
      expect(loaded).toEqual(online);
      expect(loaded?.expires?.getTime()).toBe(expires.getTime());
    });

    it('find and delete sessions by shop, by id and by ids', async () => {
      const { repos } = get();
      const shop = uniqueDomain('sessions');
      const other = uniqueDomain('sessions');
      for (const id of ['a', 'b', 'c']) await repos.shopifySessions.store(session(shop, `${shop}-${id}`));
      await repos.shopifySessions.store(session(other, `${other}-a`));
      expect((await repos.shopifySessions.findByShop(shop)).map((s) => s.id).sort()).toEqual(
        [`${shop}-a`, `${shop}-b`, `${shop}-c`].sort(),
      );
      expect(await repos.shopifySessions.delete(`${shop}-a`)).toBe(true);
      expect(await repos.shopifySessions.delete(`${shop}-a`)).toBe(false);
      expect(await repos.shopifySessions.deleteMany([`${shop}-b`, 'missing'])).toBe(1);
      expect(await repos.shopifySessions.deleteMany([])).toBe(0);
      expect(await repos.shopifySessions.deleteByShop(shop)).toBe(1);
      expect(await repos.shopifySessions.findByShop(shop)).toEqual([]);
      expect(await repos.shopifySessions.findByShop(other)).toHaveLength(1);
      await repos.shopifySessions.store(session(shop, `${shop}-d`));
      await repos.shopifySessions.store(session(shop, `${shop}-e`));
      const third = uniqueDomain('sessions');
      await repos.shopifySessions.store(session(third, `${third}-a`));
      // One entry per session deleted, for each shop named (twice named, once deleted).
      expect((await repos.shopifySessions.deleteByShops([shop, other, shop, 'missing'])).sort()).toEqual(
        [shop, shop, other].sort(),
      );
      expect(await repos.shopifySessions.findByShop(shop)).toEqual([]);
      expect(await repos.shopifySessions.findByShop(other)).toEqual([]);
      expect(await repos.shopifySessions.findByShop(third)).toHaveLength(1);
      expect(await repos.shopifySessions.deleteByShops([])).toEqual([]);
    });
  });
}
