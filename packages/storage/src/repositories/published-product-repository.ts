import type {
  ProductPageParams,
  ProductStreamOptions,
  PublishedProduct,
  PublishedProductRepository,
  UpsertPublishedProductParams,
} from '@dropship/core';
import { ErrorKinds } from '@dropship/core';
import { StorageError, toStorageError } from '../errors';
import { likePattern, newId, planOnce, str, strOrNull, whereAnyOf } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'published_products';
const DEFAULT_BATCH = 1000;
const MAX_PAGE = 1000;

interface Position {
  publishedAt: Date;
  id: string;
}

interface BatchQuery {
  storeId: string;
  after: Position | null;
  limit: number;
  search?: string | null;
  includeRemoved?: boolean;
  withoutContent?: boolean;
}

// Every column but the description and image URLs (the bulk of a row).
const SUMMARY_COLUMNS = [
  'id',
  'store_id',
  'platform_product_id',
  'title',
  'handle',
  'sku',
  'status',
  'admin_url',
  'storefront_url',
  'published_at',
  'removed_at',
];

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.publishedAt.getTime(), position.id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof ms !== 'number' || typeof id !== 'string') throw new Error('shape');
    return { publishedAt: new Date(ms), id };
  } catch {
    throw new StorageError(
      ErrorKinds.invalidInput,
      'The page cursor is not one this service issued; start again without a cursor.',
    );
  }
}

export function createPublishedProductRepository(ctx: RepositoryContext): PublishedProductRepository {
  const { knex, codec } = ctx;

  const toProduct = (row: Row): PublishedProduct => ({
    id: str(row.id),
    storeId: str(row.store_id),
    platformProductId: str(row.platform_product_id),
    title: str(row.title),
    handle: strOrNull(row.handle),
    sku: strOrNull(row.sku),
    status: str(row.status),
    adminUrl: strOrNull(row.admin_url),
    storefrontUrl: strOrNull(row.storefront_url),
    description: strOrNull(row.description),
    imageUrls: (codec.readJson(row.image_urls) ?? []) as string[],
    publishedAt: codec.readDate(row.published_at),
    removedAt: codec.readDateOrNull(row.removed_at),
  });

  const findByPlatformId = async (
    storeId: string,
    platformProductId: string,
  ): Promise<PublishedProduct | null> => {
    const row = (await knex(TABLE)
      .where({ store_id: storeId, platform_product_id: platformProductId })
      .first()) as Row | undefined;
    return row ? toProduct(row) : null;
  };

  // Keyset pagination on (published_at, id): each batch seeks past the last row,
  // so deep pages cost the same as the first one.
  const fetchBatch = async (query: BatchQuery): Promise<PublishedProduct[]> => {
    const builder = knex(TABLE).where({ store_id: query.storeId });
    if (query.withoutContent) builder.select(SUMMARY_COLUMNS);
    if (!query.includeRemoved) builder.whereNull('removed_at');
    const search = query.search?.trim();
    if (search) {
      const pattern = likePattern(search.toLowerCase());
      builder.where((inner) => {
        for (const column of ['title', 'handle', 'sku'])
          inner.orWhereRaw(`lower(??) like ? escape '\\'`, [column, pattern]);
      });
    }
    if (query.after) {
      builder.whereRaw('(published_at, id) > (?, ?)', [codec.date(query.after.publishedAt), query.after.id]);
    }
    const rows = (await builder.orderBy(['published_at', 'id']).limit(query.limit)) as Row[];
    return rows.map(toProduct);
  };

  return {
    async upsert(params: UpsertPublishedProductParams) {
      const columns = {
        title: params.title,
        handle: params.handle ?? null,
        sku: params.sku ?? null,
        status: params.status,
        admin_url: params.adminUrl ?? null,
        storefront_url: params.storefrontUrl ?? null,
        description: params.description ?? null,
        image_urls: codec.json(params.imageUrls ?? []),
        published_at: codec.date(params.publishedAt),
        removed_at: null,
        updated_at: codec.date(new Date()),
      };
      await knex(TABLE)
        .insert({
          id: newId(),
          store_id: params.storeId,
          platform_product_id: params.platformProductId,
          ...columns,
        })
        .onConflict(['store_id', 'platform_product_id'])
        .merge(columns);
      const product = await findByPlatformId(params.storeId, params.platformProductId);
      if (!product)
        throw new Error(`Published product ${params.platformProductId} vanished right after its upsert.`);
      return product;
    },
    findByPlatformId,
    async findBySku(storeId, sku) {
      const row = (await knex(TABLE)
        .where({ store_id: storeId, sku })
        .whereNull('removed_at')
        .orderBy(['published_at', 'id'])
        .first()) as Row | undefined;
      return row ? toProduct(row) : null;
    },
    async markRemoved(storeId, platformProductId, at) {
      const count = await knex(TABLE)
        .where({ store_id: storeId, platform_product_id: platformProductId })
        .whereNull('removed_at')
        .update({ removed_at: codec.date(at), updated_at: codec.date(new Date()) });
      return count > 0;
    },
    async countByStore(storeId, options = {}) {
      const builder = knex(TABLE).where({ store_id: storeId });
      if (!options.includeRemoved) builder.whereNull('removed_at');
      const name = options.includeRemoved ? 'dropship_products_count_all' : 'dropship_products_count';
      const row = (await planOnce(ctx, builder.count({ count: '*' }), name).first()) as Row | undefined;
      return codec.readInt(row?.count ?? 0);
    },
    async countByStores(storeIds) {
      if (storeIds.length === 0) return [];
      const byStores = whereAnyOf(ctx, knex(TABLE), 'store_id', [...new Set(storeIds)])
        .whereNull('removed_at')
        .groupBy('store_id')
        .select('store_id', knex.raw('count(*) as count'));
      const rows = (await planOnce(ctx, byStores, 'dropship_products_count_by_stores')) as Row[];
      return rows.map((row) => ({ storeId: str(row.store_id), count: codec.readInt(row.count) }));
    },
    async page(storeId, params: ProductPageParams) {
      const limit = Math.min(Math.max(1, Math.floor(params.limit)), MAX_PAGE);
      const after = params.cursor ? decodeCursor(params.cursor) : null;
      const rows = await fetchBatch({ ...params, storeId, after, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
    async *stream(storeId, options: ProductStreamOptions = {}) {
      const limit = options.batchSize ?? DEFAULT_BATCH;
      let after: Position | null = null;
      for (;;) {
        let batch: PublishedProduct[];
        try {
          batch = await fetchBatch({
            storeId,
            after,
            limit,
            includeRemoved: options.includeRemoved,
            withoutContent: options.withoutContent,
          });
        } catch (error) {
          throw toStorageError(error, 'publishedProducts.stream');
        }
        yield* batch;
        const last = batch[batch.length - 1];
        if (batch.length < limit || !last) return;
        after = last;
      }
    },
  };
}
