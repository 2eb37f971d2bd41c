import type { AccountCredentialRepository } from '@dropship/core';
import { strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'account_credentials';

export function createAccountCredentialRepository(ctx: RepositoryContext): AccountCredentialRepository {
  const { knex, codec } = ctx;
  return {
    async setPasswordHash(accountId, passwordHash, at) {
      await knex(TABLE)
        .insert({ account_id: accountId, password_hash: passwordHash, updated_at: codec.date(at) })
        .onConflict('account_id')
        .merge(['password_hash', 'updated_at']);
    },
    async getPasswordHash(accountId) {
      const row = (await knex(TABLE).where({ account_id: accountId }).first()) as Row | undefined;
      return row ? strOrNull(row.password_hash) : null;
    },
    async delete(accountId) {
      return (await knex(TABLE).where({ account_id: accountId }).delete()) > 0;
    },
  };
}
