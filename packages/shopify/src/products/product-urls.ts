import { ErrorKinds } from '@dropship/core';

import { ShopifyAdapterError } from '../errors';

/** `gid://shopify/Product/123` → `123`. */
export function numericIdFromGid(gid: string): string {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!match?.[1]) {
    throw new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `"${gid}" is not a Shopify global id (gid://shopify/<Type>/<number>).`,
      { gid },
    );
  }
  return match[1];
}

/** `123` → `gid://shopify/<type>/123` (webhook payloads carry numeric ids, GraphQL global ids). */
export function gidFor(type: string, id: string | number): string {
  return `gid://shopify/${type}/${id}`;
}

/** `name.myshopify.com` → `name`, the handle in `admin.shopify.com/store/<handle>`. */
export function storeHandle(shopDomain: string): string {
  return shopDomain.replace(/\.myshopify\.com$/, '');
}

/** The product's page in the unified Shopify admin: `https://admin.shopify.com/store/<handle>/products/<id>`. */
export function productAdminUrl(shopDomain: string, productGid: string): string {
  return `https://admin.shopify.com/store/${storeHandle(shopDomain)}/products/${numericIdFromGid(productGid)}`;
}

/** The product page on the shop's storefront (the myshopify domain redirects to the primary domain). */
export function productStorefrontUrl(shopDomain: string, handle: string): string {
  return `https://${shopDomain}/products/${encodeURIComponent(handle)}`;
}
