import { Readable } from 'node:stream';
import type { PublishedProduct } from '@dropship/core';
import { productAdminUrl } from './admin-url';
import { csvChunks } from './csv';
import type { CsvValue } from './csv';
import { findStoreOrThrow } from './products-left';
import type { ProductsCsvOptions, ProductsLeftDeps } from './products-left';

export const PRODUCT_EXPORT_CSV_HEADER = [
  'product_id',
  'title',
  'handle',
  'sku',
  'status',
  'description',
  'image_urls',
  'storefront_url',
  'admin_url',
  'published_at',
  'removed_at',
] as const;

/**
 * The product data the merchant keeps before leaving (descriptions, images),
 * every product ever published on the store, as CSV chunks. Image URLs are
 * separated by a space (URLs never contain one unescaped).
 */
export async function productExportCsv(
  deps: ProductsLeftDeps,
  storeId: string,
  options: ProductsCsvOptions = {},
): Promise<AsyncGenerator<string>> {
  const store = await findStoreOrThrow(deps.repos, storeId);
  const values = (product: PublishedProduct): CsvValue[] => [
    product.platformProductId,
    product.title,
    product.handle,
    product.sku,
    product.status,
    product.description,
    product.imageUrls.join(' '),
    product.storefrontUrl,
    productAdminUrl(store, product),
    product.publishedAt,
    product.removedAt,
  ];
  const products = deps.repos.publishedProducts.stream(store.id, {
    batchSize: options.batchSize ?? 1000,
    includeRemoved: true,
  });
  return csvChunks(PRODUCT_EXPORT_CSV_HEADER, products, values, options);
}

export async function productExportCsvStream(
  deps: ProductsLeftDeps,
  storeId: string,
  options: ProductsCsvOptions = {},
): Promise<Readable> {
  return Readable.from(await productExportCsv(deps, storeId, options), { objectMode: false });
}
