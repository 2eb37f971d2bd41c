import { Readable } from 'node:stream';
import { ErrorKinds } from '@dropship/core';
import type { PublishedProduct, Repositories, Store } from '@dropship/core';
import { LifecycleError } from '../errors';
import { productAdminUrl } from './admin-url';
import { csvChunks } from './csv';
import type { CsvStreamOptions, CsvValue } from './csv';

export interface ProductsLeftDeps {
  repos: Pick<Repositories, 'stores' | 'publishedProducts'>;
}

/** One product the merchant must remove by hand. */
export interface ProductLeftRow {
  /** The platform's product id. */
  id: string;
  title: string;
  handle: string | null;
  sku: string | null;
  storefrontUrl: string | null;
  /** Where the merchant deletes it. */
  adminUrl: string;
  publishedAt: Date;
}

export interface ProductsLeftPageParams {
  storeId: string;
  cursor?: string | null;
  /** 1–1000 (default 100). */
  limit?: number;
  search?: string | null;
}

export interface ProductsLeftPage {
  storeId: string;
  domain: string;
  platform: Store['platform'];
  /** Every product still published, across all pages. */
  total: number;
  items: ProductLeftRow[];
  nextCursor: string | null;
}

export async function findStoreOrThrow(repos: Pick<Repositories, 'stores'>, storeId: string): Promise<Store> {
  const store = await repos.stores.findById(storeId);
  if (!store) {
    throw new LifecycleError(ErrorKinds.notFound, `Store ${storeId} does not exist: check the store id.`);
  }
  return store;
}

export function toProductLeftRow(store: Store, product: PublishedProduct): ProductLeftRow {
  return {
    id: product.platformProductId,
    title: product.title,
    handle: product.handle,
    sku: product.sku,
    storefrontUrl: product.storefrontUrl,
    adminUrl: productAdminUrl(store, product),
    publishedAt: product.publishedAt,
  };
}

/** One page of the products still published on the store (keyset pagination: deep pages cost the same). */
export async function productsLeftPage(
  deps: ProductsLeftDeps,
  params: ProductsLeftPageParams,
): Promise<ProductsLeftPage> {
  const store = await findStoreOrThrow(deps.repos, params.storeId);
  const [page, total] = await Promise.all([
    deps.repos.publishedProducts.page(store.id, {
      cursor: params.cursor ?? null,
      limit: params.limit ?? 100,
      search: params.search ?? null,
    }),
    deps.repos.publishedProducts.countByStore(store.id),
  ]);
  return {
    storeId: store.id,
    domain: store.domain,
    platform: store.platform,
    total,
    items: page.items.map((product) => toProductLeftRow(store, product)),
    nextCursor: page.nextCursor,
  };
}

export const PRODUCTS_LEFT_CSV_HEADER = [
  'product_id',
  'title',
  'handle',
  'sku',
  'storefront_url',
  'admin_url',
  'published_at',
] as const;

function rowValues(row: ProductLeftRow): CsvValue[] {
  return [row.id, row.title, row.handle, row.sku, row.storefrontUrl, row.adminUrl, row.publishedAt];
}

async function* rowsOf(
  deps: ProductsLeftDeps,
  store: Store,
  batchSize: number,
): AsyncGenerator<ProductLeftRow> {
  for await (const product of deps.repos.publishedProducts.stream(store.id, {
    batchSize,
    withoutContent: true,
  })) {
    yield toProductLeftRow(store, product);
  }
}

export interface ProductsCsvOptions extends CsvStreamOptions {
  /** Rows read from the database per query (default 500: smaller batches keep the heap small). */
  batchSize?: number;
}

/**
 * The products-left list as CSV text chunks, streamed from the ledger in
 * batches: memory stays flat whatever the store's size. Throws NOT_FOUND
 * (before the first chunk) for an unknown store.
 */
export async function productsLeftCsv(
  deps: ProductsLeftDeps,
  storeId: string,
  options: ProductsCsvOptions = {},
): Promise<AsyncGenerator<string>> {
  const store = await findStoreOrThrow(deps.repos, storeId);
  return csvChunks(
    PRODUCTS_LEFT_CSV_HEADER,
    rowsOf(deps, store, options.batchSize ?? 500),
    rowValues,
    options,
  );
}

/** The same CSV as a Node stream, to pipe into an HTTP response or a file (back-pressure respected). */
export async function productsLeftCsvStream(
  deps: ProductsLeftDeps,
  storeId: string,
  options: ProductsCsvOptions = {},
): Promise<Readable> {
  return Readable.from(await productsLeftCsv(deps, storeId, options), { objectMode: false });
}
