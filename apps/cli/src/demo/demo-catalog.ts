import { productAdminUrl } from '@dropship/lifecycle';
import type { Store, UpsertPublishedProductParams } from '@dropship/core';

const DAY_MS = 24 * 60 * 60 * 1000;

interface CatalogItem {
  title: string;
  handle: string;
  description: string;
}

const CATALOG: readonly CatalogItem[] = [
  { title: 'Bamboo cutting board', handle: 'bamboo-cutting-board', description: 'Solid bamboo, 40 × 28 cm.' },
  { title: 'Linen apron', handle: 'linen-apron', description: 'Washed linen, adjustable neck strap.' },
  {
    title: 'Ceramic pour-over set',
    handle: 'ceramic-pour-over',
    description: 'Dripper, carafe and two cups.',
  },
  { title: 'Cast-iron skillet 26 cm', handle: 'cast-iron-skillet', description: 'Pre-seasoned, oven safe.' },
  { title: 'Olive-wood salad servers', handle: 'olive-wood-servers', description: 'Hand-carved, pair.' },
  { title: 'Stoneware mixing bowls', handle: 'stoneware-bowls', description: 'Nesting set of three.' },
  { title: 'Copper measuring spoons', handle: 'copper-spoons', description: 'Four sizes on a ring.' },
  { title: 'Cotton tea towels', handle: 'cotton-tea-towels', description: 'Set of four, striped.' },
];

/** The products the platform "published" on a demo store, as the ledger records a publication. */
export function demoProducts(
  store: Pick<Store, 'id' | 'platform' | 'domain'>,
  now: Date,
): UpsertPublishedProductParams[] {
  const shopify = store.platform === 'shopify';
  const count = shopify ? 6 : 8;
  return CATALOG.slice(0, count).map((item, index) => {
    const platformProductId = shopify ? `gid://shopify/Product/88000000${index + 1}` : String(101 + index);
    const storefrontUrl = shopify
      ? `https://${store.domain}/products/${item.handle}`
      : `https://${store.domain}/product/${item.handle}/`;
    return {
      storeId: store.id,
      platformProductId,
      title: item.title,
      handle: item.handle,
      sku: `${shopify ? 'DS-SH' : 'DS-WC'}-${100 + index}`,
      status: 'active',
      adminUrl: productAdminUrl(store, { platformProductId, adminUrl: null }),
      storefrontUrl,
      description: item.description,
      imageUrls: [`https://cdn.dropship.test/images/${item.handle}.jpg`],
      publishedAt: new Date(now.getTime() - (30 - index) * DAY_MS),
    };
  });
}

/** Orders received for a demo store that have not reached the supplier yet. */
export function demoPendingOrders(
  store: Pick<Store, 'platform'>,
  products: readonly UpsertPublishedProductParams[],
  now: Date,
) {
  const base = store.platform === 'shopify' ? 1001 : 2001;
  return [0, 1, 2].map((index) => {
    const product = products[index % products.length] as UpsertPublishedProductParams;
    const createdAt = new Date(now.getTime() - (3 - index) * 60 * 60 * 1000);
    const line = {
      sku: product.sku ?? null,
      quantity: index + 1,
      platformProductId: product.platformProductId,
    };
    return {
      platformOrderId: String(base + index),
      receivedAt: createdAt,
      payload: {
        name: `#${base + index}`,
        createdAt: createdAt.toISOString(),
        platformStatus: store.platform === 'shopify' ? 'paid' : 'processing',
        lines: [line],
        supplierLines: [
          {
            sku: line.sku ?? product.platformProductId,
            quantity: line.quantity,
            platformProductId: line.platformProductId,
          },
        ],
      },
    };
  });
}
