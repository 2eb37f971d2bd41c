import { ErrorKinds, Platforms, StoreStates } from '@dropship/core';
import type { Clock, PublishedProduct, Repositories } from '@dropship/core';
import type { ProductToPublish, ShopifyAdapter } from '@dropship/shopify';
import { ServerError } from '../errors';
import { loadInstalledShop } from './shop-session';

export interface PublishProductDeps {
  repos: Pick<Repositories, 'stores' | 'shopifySessions' | 'publishedProducts'>;
  shopify: Pick<ShopifyAdapter, 'products'>;
  clock: Clock;
}

export interface PublishProductParams {
  storeId: string;
  product: ProductToPublish;
}

/**
 * Publishes a supplier product to a connected Shopify store (Admin GraphQL
 * `productSet`) and records it in the published-products ledger: id, handle,
 * title, status, admin URL, time. The ledger is what lists the products left
 * after an uninstall, when Shopify can no longer be asked.
 */
export async function publishProduct(
  deps: PublishProductDeps,
  params: PublishProductParams,
): Promise<PublishedProduct> {
  const store = await deps.repos.stores.findById(params.storeId);
  if (store === null || store.platform !== Platforms.shopify) {
    throw new ServerError(ErrorKinds.notFound, `No Shopify store ${params.storeId}; check the store id.`);
  }
  if (store.state !== StoreStates.connected) {
    throw new ServerError(
      ErrorKinds.conflict,
      `Store ${store.domain} is ${store.state}: products are published only to connected stores.`,
    );
  }
  const installed = await loadInstalledShop(deps.repos, store.domain);
  if (installed === null) {
    throw new ServerError(
      ErrorKinds.conflict,
      `Store ${store.domain} has no access token; the merchant must open the app to reinstall it.`,
    );
  }
  const published = await deps.shopify.products.publish({
    session: installed.session,
    product: params.product,
  });
  return deps.repos.publishedProducts.upsert({
    storeId: store.id,
    platformProductId: published.platformProductId,
    title: published.title,
    handle: published.handle,
    sku: published.sku,
    status: published.status,
    adminUrl: published.adminUrl,
    storefrontUrl: published.storefrontUrl,
    description: published.description,
    imageUrls: published.imageUrls,
    publishedAt: published.publishedAt,
  });
}
