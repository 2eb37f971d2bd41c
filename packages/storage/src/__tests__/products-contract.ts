import { ErrorKinds } from '@dropship/core';
import type { PublishedProduct, Repositories } from '@dropship/core';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

const epoch = Date.UTC(2024, 0, 1);

/** Products whose publication times repeat in threes, so ordering must break ties on id. */
async function seedProducts(repos: Repositories, storeId: string, count: number): Promise<void> {
  await repos.transaction(async (tx) => {
    for (let index = 0; index < count; index += 1) {
      await tx.publishedProducts.upsert({
        storeId,
        platformProductId: `p-${index}`,
        title: `Product ${index}`,
        sku: `SKU-${index}`,
        status: 'active',
        publishedAt: new Date(epoch + Math.floor(index / 3) * 1000 + 7),
      });
    }
  });
}

function isOrdered(products: PublishedProduct[]): boolean {
  return products.every((product, index) => {
    const previous = products[index - 1];
    if (!previous) return true;
    const delta = product.publishedAt.getTime() - previous.publishedAt.getTime();
    return delta > 0 || (delta === 0 && product.id > previous.id);
  });
}

export function describePublishedProducts(get: GetContext): void {
  describe('published products', () => {
    it('an upsert of the same product refreshes it, and republishing clears its removal', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const params = {
        storeId: store.id,
        platformProductId: 'gid://shopify/Product/1',
        title: 'Mug',
        status: 'active',
        imageUrls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
        publishedAt: new Date('2025-01-01T00:00:00.001Z'),
      };
      const first = await repos.publishedProducts.upsert(params);
      expect(first.imageUrls).toEqual(params.imageUrls);
      const second = await repos.publishedProducts.upsert({
        ...params,
        title: 'Big mug',
        description: 'Ceramic',
      });
      expect(second).toMatchObject({ id: first.id, title: 'Big mug', description: 'Ceramic' });
      expect(await repos.publishedProducts.markRemoved(store.id, params.platformProductId, new Date())).toBe(
        true,
      );
      expect(await repos.publishedProducts.markRemoved(store.id, params.platformProductId, new Date())).toBe(
        false,
      );
      expect(await repos.publishedProducts.countByStore(store.id)).toBe(0);
      expect(await repos.publishedProducts.countByStore(store.id, { includeRemoved: true })).toBe(1);
      expect(await repos.publishedProducts.countByStores([store.id])).toEqual([]);
      const republished = await repos.publishedProducts.upsert(params);
      expect(republished.removedAt).toBeNull();
      expect(await repos.publishedProducts.countByStore(store.id)).toBe(1);
      const other = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      await repos.publishedProducts.upsert({ ...params, storeId: other.id });
      await repos.publishedProducts.upsert({ ...params, storeId: other.id, platformProductId: 'second' });
      const counts = await repos.publishedProducts.countByStores([store.id, other.id, 'no-such-store']);
      expect(counts.sort((a, b) => a.count - b.count)).toEqual([
        { storeId: store.id, count: 1 },
        { storeId: other.id, count: 2 },
      ]);
    });

    it('keyset pages walk every product once, in order, and leave removed ones out', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      await seedProducts(repos, store.id, 25);
      await repos.publishedProducts.markRemoved(store.id, 'p-4', new Date());
      const seen: PublishedProduct[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await repos.publishedProducts.page(store.id, { cursor, limit: 7 });
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(24);
      expect(new Set(seen.map((product) => product.id)).size).toBe(24);
      expect(seen.map((product) => product.platformProductId)).not.toContain('p-4');
      expect(isOrdered(seen)).toBe(true);
    });

    it('search matches title, handle or SKU case-insensitively and treats % and _ literally', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const publishedAt = new Date();
      const base = { storeId: store.id, status: 'active', publishedAt };
      await repos.publishedProducts.upsert({
        ...base,
        platformProductId: '1',
        title: 'Blue Mug',
        sku: 'MUG_1',
      });
      await repos.publishedProducts.upsert({
        ...base,
        platformProductId: '2',
        title: 'Red cup',
        handle: 'red-mug',
      });
      await repos.publishedProducts.upsert({
        ...base,
        platformProductId: '3',
        title: '100% cotton',
        sku: 'MUGX1',
      });
      const titles = async (search: string) =>
        (await repos.publishedProducts.page(store.id, { limit: 10, search })).items
          .map((p) => p.platformProductId)
          .sort();
      expect(await titles('mug')).toEqual(['1', '2', '3']);
      expect(await titles('MUG_')).toEqual(['1']);
      expect(await titles('100%')).toEqual(['3']);
    });

    it('a cursor this service did not issue is INVALID_INPUT', async () => {
      const { repos } = get();
      await expect(
        repos.publishedProducts.page('any', { cursor: 'bm90LWEtY3Vyc29y', limit: 5 }),
      ).rejects.toMatchObject({
        kind: ErrorKinds.invalidInput,
      });
    });

    it('streams 5,000 products in order, in batches', async () => {
      const { repos, db } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      await seedProducts(repos, store.id, 5000);
      const streamed: PublishedProduct[] = [];
      let reads = 0;
      const countReads = (query: { sql: string }) => {
        if (/^select .*published_products/i.test(query.sql)) reads += 1;
      };
      db.knex.on('query', countReads);
      try {
        for await (const product of repos.publishedProducts.stream(store.id, { batchSize: 1000 }))
          streamed.push(product);
      } finally {
        db.knex.removeListener('query', countReads);
      }
      // Five full batches, then one empty read that ends the stream.
      expect(reads).toBe(6);
      expect(streamed).toHaveLength(5000);
      expect(new Set(streamed.map((product) => product.id)).size).toBe(5000);
      expect(isOrdered(streamed)).toBe(true);
      expect(await repos.publishedProducts.countByStore(store.id)).toBe(5000);
    }, 60_000);
  });
}
