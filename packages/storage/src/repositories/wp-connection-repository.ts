import type {
  CreateWpConnectionParams,
  WpConnection,
  WpConnectionKeys,
  WpConnectionKind,
  WpConnectionRepository,
} from '@dropship/core';
import { newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';
import { hashSecret } from './secret-hash';

const TABLE = 'wp_connections';

export function createWpConnectionRepository(ctx: RepositoryContext): WpConnectionRepository {
  const { knex, codec, cipher } = ctx;

  const toConnection = (row: Row): WpConnection => ({
    id: str(row.id),
    kind: str(row.kind) as WpConnectionKind,
    siteUrl: str(row.site_url),
    adminEmail: strOrNull(row.admin_email),
    returnUrl: str(row.return_url),
    storeId: strOrNull(row.store_id),
    expiresAt: codec.readDate(row.expires_at),
    keysReceivedAt: codec.readDateOrNull(row.keys_received_at),
    claimedAt: codec.readDateOrNull(row.claimed_at),
    createdAt: codec.readDate(row.created_at),
  });

  const findById = async (id: string): Promise<WpConnection | null> => {
    const row = (await knex(TABLE).where({ id }).first()) as Row | undefined;
    return row ? toConnection(row) : null;
  };

  return {
    async create(params: CreateWpConnectionParams) {
      const id = newId();
      await knex(TABLE).insert({
        id,
        kind: params.kind,
        site_url: params.siteUrl,
        admin_email: params.adminEmail ?? null,
        return_url: params.returnUrl,
        store_id: params.storeId ?? null,
        claim_secret_hash: params.claimSecret === null ? null : hashSecret(params.claimSecret),
        expires_at: codec.date(params.expiresAt),
        created_at: codec.date(params.createdAt),
      });
      const created = await findById(id);
      if (!created) throw new Error(`The ${TABLE} row vanished right after its insert.`);
      return created;
    },
    findById,
    async markKeysReceived(id, keys, at) {
      const changed = await knex(TABLE)
        .where({ id })
        .whereNull('claimed_at')
        .update({
          key_id: keys.keyId,
          key_permissions: keys.keyPermissions,
          consumer_key_enc: cipher.encrypt(keys.consumerKey),
          consumer_secret_enc: cipher.encrypt(keys.consumerSecret),
          keys_received_at: codec.date(at),
        });
      return changed > 0;
    },
    async claim(id, claimSecret, at) {
      const row = (await knex(TABLE).where({ id }).first()) as Row | undefined;
      if (!row || row.consumer_key_enc == null || row.consumer_secret_enc == null) return null;
      // The conditional update is the single use: of two concurrent claims only one changes the row.
      const changed = await knex(TABLE)
        .where({ id, kind: 'connect', claim_secret_hash: hashSecret(claimSecret) })
        .whereNotNull('keys_received_at')
        .whereNull('claimed_at')
        .update({ claimed_at: codec.date(at), consumer_key_enc: null, consumer_secret_enc: null });
      if (changed === 0) return null;
      const keys: WpConnectionKeys = {
        keyId: codec.readInt(row.key_id),
        keyPermissions: str(row.key_permissions),
        consumerKey: cipher.decrypt(str(row.consumer_key_enc)),
        consumerSecret: cipher.decrypt(str(row.consumer_secret_enc)),
      };
      return { connection: { ...toConnection(row), claimedAt: at }, keys };
    },
    async pruneExpired(before) {
      return knex(TABLE).where('expires_at', '<', codec.date(before)).whereNull('claimed_at').delete();
    },
  };
}
