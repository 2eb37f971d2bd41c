import type { ConnectionCode, ConnectionCodeRepository, CreateConnectionCodeParams } from '@dropship/core';
import { newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';
import { hashConnectionCode } from './secret-hash';

const TABLE = 'connection_codes';

export function createConnectionCodeRepository(ctx: RepositoryContext): ConnectionCodeRepository {
  const { knex, codec } = ctx;

  const toCode = (row: Row): ConnectionCode => ({
    id: str(row.id),
    accountId: str(row.account_id),
    expiresAt: codec.readDate(row.expires_at),
    usedAt: codec.readDateOrNull(row.used_at),
    storeId: strOrNull(row.store_id),
    createdAt: codec.readDate(row.created_at),
  });

  return {
    async create(params: CreateConnectionCodeParams) {
      const id = newId();
      const createdAt = params.createdAt ?? new Date();
      await knex(TABLE).insert({
        id,
        code_hash: hashConnectionCode(params.code),
        account_id: params.accountId,
        expires_at: codec.date(params.expiresAt),
        created_at: codec.date(createdAt),
      });
      return {
        id,
        accountId: params.accountId,
        expiresAt: params.expiresAt,
        usedAt: null,
        storeId: null,
        createdAt,
      };
    },
    async findByCode(code) {
      const row = (await knex(TABLE)
        .where({ code_hash: hashConnectionCode(code) })
        .first()) as Row | undefined;
      return row ? toCode(row) : null;
    },
    async consume(id, at, storeId) {
      const changed = await knex(TABLE)
        .where({ id })
        .whereNull('used_at')
        .andWhere('expires_at', '>', codec.date(at))
        .update({ used_at: codec.date(at), store_id: storeId });
      return changed > 0;
    },
    async listByAccount(accountId, limit) {
      const rows = (await knex(TABLE)
        .where({ account_id: accountId })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)) as Row[];
      return rows.map(toCode);
    },
  };
}
