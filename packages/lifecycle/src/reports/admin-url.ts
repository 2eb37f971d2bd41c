import type { Platform, PublishedProduct, Store } from '@dropship/core';
import { Platforms } from '@dropship/core';

/** Shopify GIDs (`gid://shopify/Product/123`) or bare ids to the numeric id the admin URL takes. */
function shopifyNumericId(platformProductId: string): string {
  const match = /(\d+)$/.exec(platformProductId);
  return match?.[1] ?? platformProductId;
}

function siteOf(domain: string): string {
  return domain.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

/**
 * The page where the merchant deletes the product by hand. Pure: works after
 * the store's credentials are revoked. The ledger's own `adminUrl` wins when set.
 */
export function productAdminUrl(
  store: Pick<Store, 'domain'> & { platform: Platform },
  product: Pick<PublishedProduct, 'platformProductId' | 'adminUrl'>,
): string {
  if (product.adminUrl) return product.adminUrl;
  const id = encodeURIComponent(product.platformProductId);
  if (store.platform === Platforms.shopify) {
    const shop = store.domain.replace(/\.myshopify\.com$/i, '');
    return `https://admin.shopify.com/store/${encodeURIComponent(shop)}/products/${shopifyNumericId(product.platformProductId)}`;
  }
  return `https://${siteOf(store.domain)}/wp-admin/post.php?post=${id}&action=edit`;
}
