import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { systemClock } from '@dropship/core';
import type { ProductPresence, Store } from '@dropship/core';
import {
  checkProductsLeftLive,
  productExportCsv,
  productsLeftCsvStream,
  productsLeftPage,
} from '@dropship/lifecycle';
import { createTestDatabase } from './support/environment';
import type { TestDatabase } from './support/environment';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _e, done) {
        out += chunk.toString();
        done();
      },
    }),
  );
  return out;
}

describe.each([['sqlite' as const], ['postgres' as const]])('products-left report on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { repos } = database;
    store = await repos.stores.create({ platform: 'woocommerce', domain: 'shop.example.com' });
    for (let i = 0; i < 2500; i += 1) {
      await repos.publishedProducts.upsert({
        storeId: store.id,
        platformProductId: String(100 + i),
        title: i === 0 ? '=cmd|" /C calc"!A0' : `Lamp, "brass" ${i}`,
        handle: `lamp-${i}`,
        sku: `LAMP-${i}`,
        status: 'publish',
        storefrontUrl: `https://shop.example.com/product/lamp-${i}/`,
        description: i === 1 ? 'Two\nlines' : 'A lamp.',
        imageUrls: [`https://shop.example.com/img/${i}.jpg`, `https://shop.example.com/img/${i}-b.jpg`],
        publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
      });
    }
    await repos.publishedProducts.markRemoved(store.id, '102', new Date());
  }, 60_000);

  afterAll(async () => {
    await database?.destroy();
  });

  it('pages through every product still published, with the admin URL where the merchant deletes it', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await productsLeftPage(database, { storeId: store.id, cursor, limit: 1000 });
      expect(page.total).toBe(2499);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2499);
    expect(seen).not.toContain('102');
    const first = await productsLeftPage(database, { storeId: store.id, limit: 1 });
    expect(first.items[0]).toEqual({
      id: '100',
      title: '=cmd|" /C calc"!A0',
      handle: 'lamp-0',
      sku: 'LAMP-0',
      storefrontUrl: 'https://shop.example.com/product/lamp-0/',
      adminUrl: 'https://shop.example.com/wp-admin/post.php?post=100&action=edit',
      publishedAt: new Date(Date.UTC(2025, 0, 1)),
    });
  });

  it('streams the same list as CSV with escaping and the formula guard', async () => {
    const csv = await text(await productsLeftCsvStream(database, store.id));
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('product_id,title,handle,sku,storefront_url,admin_url,published_at');
    expect(lines).toHaveLength(2500);
    expect(lines[1]).toBe(
      `100,"'=cmd|"" /C calc""!A0",lamp-0,LAMP-0,https://shop.example.com/product/lamp-0/,https://shop.example.com/wp-admin/post.php?post=100&action=edit,2025-01-01T00:00:00.000Z`,
    );
    expect(lines[2]).toContain('"Lamp, ""brass"" 1"');
  });

  it('exports product data to keep, removed products included', async () => {
    let csv = '';
    for await (const chunk of await productExportCsv(database, store.id)) csv += chunk;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2500 + 1);
    expect(csv).toContain('"Two\nlines"');
    expect(csv).toContain('https://shop.example.com/img/1.jpg https://shop.example.com/img/1-b.jpg');
  });

  it('a live check marks the products already deleted on the store, asking at most four at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const deleted = new Set(['101', '103', '2599']);
    const platform = {
      async productPresence(_store: Store, product: { platformProductId: string }): Promise<ProductPresence> {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return deleted.has(product.platformProductId) ? 'deleted' : 'published';
      },
    };
    const result = await checkProductsLeftLive(
      { repos: database.repos, platform, clock: systemClock },
      store.id,
      {
        concurrency: 4,
      },
    );
    expect(result).toMatchObject({ checked: 2499, deleted: 3, markedRemoved: 3, published: 2496 });
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect((await productsLeftPage(database, { storeId: store.id })).total).toBe(2496);
  }, 60_000);
});
