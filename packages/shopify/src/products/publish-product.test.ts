import type { AdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { startAdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { numericIdFromGid, productAdminUrl, productStorefrontUrl } from './product-urls';

let fixture: AdapterFixture;
const shop = 'catalog-shop.myshopify.com';

beforeAll(async () => {
  fixture = await startAdapterFixture();
});
afterAll(() => fixture.close());

describe('publishing a product through productSet', () => {
  it('returns what the published-products ledger records', async () => {
    const session = await fixture.install(shop);
    const before = Date.now();
    const published = await fixture.adapter.products.publish({
      session,
      product: {
        title: 'Bamboo Desk Lamp',
        descriptionHtml: '<p>Warm light, <strong>bamboo</strong> frame.</p>',
        sku: 'SUP-LAMP-01',
        price: '39.90',
        imageUrls: ['https://cdn.supplier.example/lamp-1.jpg', 'https://cdn.supplier.example/lamp-2.jpg'],
      },
    });
    const numericId = numericIdFromGid(published.platformProductId);
    expect(published).toEqual({
      platformProductId: `gid://shopify/Product/${numericId}`,
      title: 'Bamboo Desk Lamp',
      handle: 'bamboo-desk-lamp',
      sku: 'SUP-LAMP-01',
      status: 'ACTIVE',
      adminUrl: `https://admin.shopify.com/store/catalog-shop/products/${numericId}`,
      storefrontUrl: 'https://catalog-shop.myshopify.com/products/bamboo-desk-lamp',
      publishedAt: expect.any(Date),
      description: '<p>Warm light, <strong>bamboo</strong> frame.</p>',
      imageUrls: ['https://cdn.supplier.example/lamp-1.jpg', 'https://cdn.supplier.example/lamp-2.jpg'],
    });
    expect(published.publishedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [stored] = fixture.standIn.products(shop);
    expect(stored).toMatchObject({
      id: published.platformProductId,
      status: 'ACTIVE',
      title: 'Bamboo Desk Lamp',
    });
  });

  it('a second product with the same title gets its own handle from Shopify', async () => {
    const session = await fixture.install(shop);
    const again = await fixture.adapter.products.publish({ session, product: { title: 'Bamboo Desk Lamp' } });
    expect(again.handle).toBe('bamboo-desk-lamp-1');
    expect(again.storefrontUrl).toBe('https://catalog-shop.myshopify.com/products/bamboo-desk-lamp-1');
  });

  it("Shopify's userErrors become INVALID_INPUT naming the field", async () => {
    const session = await fixture.install(shop);
    await expect(
      fixture.adapter.products.publish({ session, product: { title: '  ' } }),
    ).rejects.toMatchObject({
      kind: 'INVALID_INPUT',
      message: expect.stringContaining("input.title: Title can't be blank"),
    });
  });

  it('publishing after the token was revoked is UNAUTHORIZED', async () => {
    const session = await fixture.install('revoked-catalog.myshopify.com');
    fixture.standIn.uninstall('revoked-catalog.myshopify.com');
    await expect(
      fixture.adapter.products.publish({ session, product: { title: 'Too late' } }),
    ).rejects.toMatchObject({ kind: 'UNAUTHORIZED' });
  });
});

describe('product URLs', () => {
  it('builds the unified-admin URL from the shop handle and numeric id', () => {
    expect(productAdminUrl('my-store.myshopify.com', 'gid://shopify/Product/8123456789')).toBe(
      'https://admin.shopify.com/store/my-store/products/8123456789',
    );
    expect(productStorefrontUrl('my-store.myshopify.com', 'summer tee')).toBe(
      'https://my-store.myshopify.com/products/summer%20tee',
    );
  });

  it('refuses a value that is not a global id', () => {
    expect(() => productAdminUrl('my-store.myshopify.com', '8123456789')).toThrow(
      expect.objectContaining({ kind: 'INVALID_INPUT' }),
    );
  });
});
