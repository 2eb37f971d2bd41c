import type { CreateLoginTokenParams, LoginToken, LoginTokenRepository } from '@dropship/core';
import { newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';
import { hashSecret } from './secret-hash';

const TABLE = 'login_tokens';

export function createLoginTokenRepository(ctx: RepositoryContext): LoginTokenRepository {
  const { knex, codec } = ctx;

  const toToken = (row: Row): LoginToken => ({
    id: str(row.id),
    accountId: str(row.account_id),
    storeId: strOrNull(row.store_id),
    expiresAt: codec.readDate(row.expires_at),
    usedAt: codec.readDateOrNull(row.used_at),
    createdAt: codec.readDate(row.created_at),
  });

  return {
    async create(params: CreateLoginTokenParams) {
      const id = newId();
      await knex(TABLE).insert({
        id,
        token_hash: hashSecret(params.token),
        account_id: params.accountId,
        store_id: params.storeId ?? null,
        expires_at: codec.date(params.expiresAt),
        created_at: codec.date(params.createdAt),
      });
      return {
        id,
        accountId: params.accountId,
        storeId: params.storeId ?? null,
        expiresAt: params.expiresAt,
        usedAt: null,
        createdAt: params.createdAt,
      };
    },
    async consume(token, at) {
      const tokenHash = hashSecret(token);
      // The conditional update is the single use: of two concurrent clicks only one changes the row.
      const changed = await knex(TABLE)
        .where({ token_hash: tokenHash })
        .whereNull('used_at')
        .andWhere('expires_at', '>', codec.date(at))
        .update({ used_at: codec.date(at) });
      if (changed === 0) return null;
      const row = (await knex(TABLE).where({ token_hash: tokenHash }).first()) as Row | undefined;
      return row ? toToken(row) : null;
    },
  };
}
