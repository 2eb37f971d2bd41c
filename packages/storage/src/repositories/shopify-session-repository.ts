import type { ShopifySessionRecord, ShopifySessionRepository } from '@dropship/core';
import { deleteReturning, str, strOrNull, whereAnyOf } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'shopify_sessions';

export function createShopifySessionRepository(ctx: RepositoryContext): ShopifySessionRepository {
  const { knex, codec, cipher } = ctx;

  const toRecord = (row: Row): ShopifySessionRecord => ({
    id: str(row.id),
    shop: str(row.shop),
    state: str(row.state),
    isOnline: codec.readBool(row.is_online),
    scope: strOrNull(row.scope),
    expires: codec.readDateOrNull(row.expires),
    accessToken: row.access_token_enc == null ? null : cipher.decrypt(str(row.access_token_enc)),
    onlineAccessInfo: codec.readJson(row.online_access_info),
  });

  return {
    async store(session) {
      const columns = {
        shop: session.shop,
        state: session.state,
        is_online: codec.bool(session.isOnline),
        scope: session.scope,
        expires: codec.dateOrNull(session.expires),
        access_token_enc: session.accessToken === null ? null : cipher.encrypt(session.accessToken),
        online_access_info: session.onlineAccessInfo == null ? null : codec.json(session.onlineAccessInfo),
      };
      await knex(TABLE)
        .insert({ id: session.id, ...columns, created_at: codec.date(new Date()) })
        .onConflict('id')
        .merge(columns);
    },
    async load(id) {
      const row = (await knex(TABLE).where({ id }).first()) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    async delete(id) {
      return (await knex(TABLE).where({ id }).delete()) > 0;
    },
    async deleteMany(ids) {
      if (ids.length === 0) return 0;
      return knex(TABLE)
        .whereIn('id', [...ids])
        .delete();
    },
    async deleteByShop(shop) {
      return knex(TABLE).where({ shop }).delete();
    },
    async deleteByShops(shops) {
      if (shops.length === 0) return [];
      const byShop = whereAnyOf(ctx, knex(TABLE), 'shop', [...new Set(shops)]);
      return (await deleteReturning(ctx, byShop, 'shop')).map((row) => str(row.shop));
    },
    async findByShop(shop) {
      const rows = (await knex(TABLE).where({ shop }).orderBy(['created_at', 'id'])) as Row[];
      return rows.map(toRecord);
    },
  };
}
