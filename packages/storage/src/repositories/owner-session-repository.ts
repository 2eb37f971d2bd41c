import type { OwnerSession, OwnerSessionMethod, OwnerSessionRepository } from '@dropship/core';
import { newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'owner_sessions';

export function createOwnerSessionRepository(ctx: RepositoryContext): OwnerSessionRepository {
  const { knex, codec } = ctx;

  const toSession = (row: Row): OwnerSession => ({
    id: str(row.id),
    accountId: str(row.account_id),
    csrfToken: str(row.csrf_token),
    method: str(row.method) as OwnerSessionMethod,
    createdAt: codec.readDate(row.created_at),
    expiresAt: codec.readDate(row.expires_at),
    ip: strOrNull(row.ip),
    userAgent: strOrNull(row.user_agent),
  });

  return {
    async create(params) {
      const row: Row = {
        id: newId(),
        token_hash: params.tokenHash,
        account_id: params.accountId,
        csrf_token: params.csrfToken,
        method: params.method,
        ip: params.ip ?? null,
        user_agent: params.userAgent?.slice(0, 512) ?? null,
        created_at: codec.date(params.createdAt),
        expires_at: codec.date(params.expiresAt),
      };
      await knex(TABLE).insert(row);
      return toSession(row);
    },
    async findActive(tokenHash, now) {
      const row = (await knex(TABLE)
        .where({ token_hash: tokenHash })
        .andWhere('expires_at', '>', codec.date(now))
        .first()) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async deleteByTokenHash(tokenHash) {
      return (await knex(TABLE).where({ token_hash: tokenHash }).delete()) > 0;
    },
    async deleteByAccount(accountId) {
      return knex(TABLE).where({ account_id: accountId }).delete();
    },
  };
}
