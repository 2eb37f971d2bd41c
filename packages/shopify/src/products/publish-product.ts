import { ErrorKinds } from '@dropship/core';

import type { AdminGraphql } from '../admin/admin-graphql';
import { throwOnUserErrors } from '../admin/admin-graphql';
import type { ShopSession } from '../auth/shop-session';
import { ShopifyAdapterError } from '../errors';
import { productAdminUrl, productStorefrontUrl } from './product-urls';

export interface ProductToPublish {
  title: string;
  descriptionHtml?: string;
  /** Shopify derives one from the title when absent. */
  handle?: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  /** Default ACTIVE: visible on the sales channels. */
  status?: 'ACTIVE' | 'DRAFT';
  sku?: string;
  /** Decimal price of the single variant, e.g. "19.99". */
  price?: string;
  /** Public image URLs Shopify downloads. */
  imageUrls?: string[];
}

/** What the published-products ledger records (PublishedProduct minus our own ids). */
export interface PublishedProductResult {
  platformProductId: string;
  title: string;
  handle: string;
  sku: string | null;
  status: string;
  adminUrl: string;
  storefrontUrl: string;
  publishedAt: Date;
  description: string | null;
  imageUrls: string[];
}

export interface PublishProductParams {
  session: ShopSession;
  product: ProductToPublish;
}

export type PublishProduct = (params: PublishProductParams) => Promise<PublishedProductResult>;

const PRODUCT_SET = `#graphql
  mutation PublishProduct($input: ProductSetInput!, $synchronous: Boolean!) {
    productSet(input: $input, synchronous: $synchronous) {
      product { id title handle status descriptionHtml createdAt updatedAt publishedAt }
      userErrors { field message code }
    }
  }
`;

interface ProductSetData {
  productSet: {
    product: {
      id: string;
      title: string;
      handle: string;
      status: string;
      descriptionHtml: string | null;
      createdAt: string;
      updatedAt: string;
      publishedAt: string | null;
    } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
  };
}

// A product without options still has one: Shopify's "Title" / "Default Title".
const DEFAULT_OPTION = { name: 'Title', value: 'Default Title' };

function toProductSetInput(product: ProductToPublish): Record<string, unknown> {
  return {
    title: product.title,
    ...(product.descriptionHtml !== undefined ? { descriptionHtml: product.descriptionHtml } : {}),
    ...(product.handle !== undefined ? { handle: product.handle } : {}),
    ...(product.vendor !== undefined ? { vendor: product.vendor } : {}),
    ...(product.productType !== undefined ? { productType: product.productType } : {}),
    ...(product.tags !== undefined ? { tags: product.tags } : {}),
    status: product.status ?? 'ACTIVE',
    productOptions: [{ name: DEFAULT_OPTION.name, values: [{ name: DEFAULT_OPTION.value }] }],
    variants: [
      {
        optionValues: [{ optionName: DEFAULT_OPTION.name, name: DEFAULT_OPTION.value }],
        ...(product.price !== undefined ? { price: product.price } : {}),
        ...(product.sku !== undefined ? { sku: product.sku } : {}),
      },
    ],
    files: (product.imageUrls ?? []).map((url) => ({ originalSource: url, contentType: 'IMAGE' })),
  };
}

/**
 * Creates the product with `productSet` (synchronous, so the product comes
 * back) and returns the ledger record. Image URLs are the ones sent: Shopify
 * processes media asynchronously, and the ledger must hold what the merchant
 * may want to keep even after the token is revoked.
 */
export function createPublishProduct(adminGraphql: AdminGraphql): PublishProduct {
  return async ({ session, product }) => {
    const data = await adminGraphql<ProductSetData>({
      session,
      query: PRODUCT_SET,
      variables: { input: toProductSetInput(product), synchronous: true },
      operation: 'publish product',
    });
    throwOnUserErrors(data.productSet.userErrors, 'publish product', session.shop);
    const published = data.productSet.product;
    if (published === null) {
      throw new ShopifyAdapterError(
        ErrorKinds.unavailable,
        `Shopify returned no product for publish product on ${session.shop}; retry later.`,
        {
          operation: 'publish product',
          shop: session.shop,
        },
      );
    }
    return {
      platformProductId: published.id,
      title: published.title,
      handle: published.handle,
      sku: product.sku ?? null,
      status: published.status,
      adminUrl: productAdminUrl(session.shop, published.id),
      storefrontUrl: productStorefrontUrl(session.shop, published.handle),
      publishedAt: new Date(published.publishedAt ?? published.createdAt),
      description: published.descriptionHtml ?? product.descriptionHtml ?? null,
      imageUrls: [...(product.imageUrls ?? [])],
    };
  };
}
