import type { Shopify } from '@shopify/shopify-api';

/** Returns the shop domain in canonical form (`name.myshopify.com`), or null when it is not a shop domain. */
export type SanitizeShop = (shop: string | null | undefined) => string | null;

export function createSanitizeShop(shopify: Shopify): SanitizeShop {
  return (shop) => {
    if (typeof shop !== 'string' || shop.length === 0) return null;
    const clean = shopify.utils.sanitizeShop(shop.trim().toLowerCase(), false);
    return clean && clean.endsWith('.myshopify.com') ? clean : null;
  };
}
