import { Router } from 'express';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { ErrorKinds } from '@dropship/core';
import { productAdminUrl, productExportCsvStream, productsLeftCsvStream } from '@dropship/lifecycle';
import type { ServerDeps } from '../../server-deps';
import { AccountAreaError } from '../auth/account-error';
import { ownedStore } from './owned-store';

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new AccountAreaError(ErrorKinds.invalidInput, 'limit is a whole number from 1 to 500.', {
      field: 'limit',
    });
  }
  return limit;
}

async function sendCsv(res: Response, filename: string, stream: Readable): Promise<void> {
  res.type('text/csv; charset=utf-8').attachment(filename);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    res.on('finish', resolve);
    res.on('close', resolve);
    stream.pipe(res);
  });
}

/** Products left on the store (JSON pages, CSV) and the product data export (CSV). */
export function productRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/stores/:storeId/products-left', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    const search = typeof req.query.search === 'string' ? req.query.search : null;
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor !== '' ? req.query.cursor : null;
    const [page, total, active] = await Promise.all([
      deps.repos.publishedProducts.page(store.id, { cursor, limit: parseLimit(req.query.limit), search }),
      deps.repos.publishedProducts.countByStore(store.id, { includeRemoved: true }),
      deps.repos.publishedProducts.countByStore(store.id),
    ]);
    res.json({
      items: page.items.map((product) => ({
        id: product.id,
        platformProductId: product.platformProductId,
        title: product.title,
        handle: product.handle,
        sku: product.sku,
        adminUrl: product.adminUrl ?? productAdminUrl(store, product),
        storefrontUrl: product.storefrontUrl,
        publishedAt: product.publishedAt.toISOString(),
        removedAt: product.removedAt?.toISOString() ?? null,
      })),
      nextCursor: page.nextCursor,
      total,
      removed: total - active,
    });
  });
  router.get('/stores/:storeId/products-left.csv', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    await sendCsv(res, `products-left-${store.domain}.csv`, await productsLeftCsvStream(deps, store.id));
  });
  router.get('/stores/:storeId/product-export.csv', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    await sendCsv(res, `product-export-${store.domain}.csv`, await productExportCsvStream(deps, store.id));
  });
  return router;
}
