import type { SaveWooStoreLinkParams, WooStoreLink, WooStoreRepository } from '@dropship/core';
import { str } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'woo_stores';
const DELIVERIES = 'woo_webhook_deliveries';

export function createWooStoreRepository(ctx: RepositoryContext): WooStoreRepository {
  const { knex, codec, cipher } = ctx;

  const toLink = (row: Row): WooStoreLink => ({
    storeId: str(row.store_id),
    siteUrl: str(row.site_url),
    keyId: row.key_id == null ? null : codec.readInt(row.key_id),
    keyPermissions: row.key_permissions == null ? null : str(row.key_permissions),
    webhookSecret: cipher.decrypt(str(row.webhook_secret_enc)),
    keysRevokedAt: codec.readDateOrNull(row.keys_revoked_at),
    queryStringAuth: codec.readBool(row.query_string_auth),
    updatedAt: codec.readDate(row.updated_at),
  });

  const findByStore = async (storeId: string): Promise<WooStoreLink | null> => {
    const row = (await knex(TABLE).where({ store_id: storeId }).first()) as Row | undefined;
    return row ? toLink(row) : null;
  };

  async function save(params: SaveWooStoreLinkParams): Promise<WooStoreLink> {
    const changes: Row = { site_url: params.siteUrl, updated_at: codec.date(params.at) };
    if (params.keyId !== undefined) {
      changes.key_id = params.keyId;
      changes.key_permissions = params.keyPermissions ?? null;
      changes.keys_revoked_at = null;
    }
    if (params.webhookSecret !== undefined) changes.webhook_secret_enc = cipher.encrypt(params.webhookSecret);
    const updated = await knex(TABLE).where({ store_id: params.storeId }).update(changes);
    if (updated === 0) {
      if (params.webhookSecret === undefined) {
        throw new Error(`A new WooCommerce store link (store ${params.storeId}) needs a webhook secret.`);
      }
      await knex(TABLE)
        .insert({
          store_id: params.storeId,
          key_id: null,
          key_permissions: null,
          keys_revoked_at: null,
          query_string_auth: codec.bool(false),
          ...changes,
        })
        .onConflict('store_id')
        .merge(changes);
    }
    const link = await findByStore(params.storeId);
    if (!link) throw new Error(`The ${TABLE} row of store ${params.storeId} vanished right after its save.`);
    return link;
  }

  return {
    save,
    findByStore,
    async markKeysRevoked(storeId, at) {
      const changed = await knex(TABLE)
        .where({ store_id: storeId })
        .whereNull('keys_revoked_at')
        .update({ keys_revoked_at: codec.date(at), updated_at: codec.date(at) });
      return changed > 0;
    },
    async setQueryStringAuth(storeId, on) {
      return (
        (await knex(TABLE)
          .where({ store_id: storeId })
          .update({ query_string_auth: codec.bool(on) })) > 0
      );
    },
    async hasWebhookDelivery(storeId, deliveryId) {
      return (
        (await knex(DELIVERIES).where({ store_id: storeId, delivery_id: deliveryId }).first()) !== undefined
      );
    },
    async recordWebhookDelivery(storeId, deliveryId, topic, at) {
      const result: unknown = await knex(DELIVERIES)
        .insert({ store_id: storeId, delivery_id: deliveryId, topic, received_at: codec.date(at) })
        .onConflict(['store_id', 'delivery_id'])
        .ignore()
        .returning('delivery_id');
      return Array.isArray(result) ? result.length > 0 : Boolean(result);
    },
  };
}
