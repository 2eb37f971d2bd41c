import type {
  Account,
  AccountPatch,
  AccountRepository,
  AccountStatus,
  CreateAccountParams,
} from '@dropship/core';
import { newId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'accounts';

export function createAccountRepository(ctx: RepositoryContext): AccountRepository {
  const { knex, codec } = ctx;

  const toAccount = (row: Row): Account => ({
    id: str(row.id),
    email: strOrNull(row.email),
    name: strOrNull(row.name),
    status: str(row.status) as AccountStatus,
    createdAt: codec.readDate(row.created_at),
    updatedAt: codec.readDate(row.updated_at),
  });

  const findById = async (id: string): Promise<Account | null> => {
    const row = (await knex(TABLE).where({ id }).first()) as Row | undefined;
    return row ? toAccount(row) : null;
  };

  return {
    async create(params: CreateAccountParams) {
      const now = new Date();
      const account: Account = {
        id: newId(),
        email: params.email ?? null,
        name: params.name ?? null,
        status: params.status ?? 'active',
        createdAt: now,
        updatedAt: now,
      };
      await knex(TABLE).insert({
        id: account.id,
        email: account.email,
        name: account.name,
        status: account.status,
        created_at: codec.date(now),
        updated_at: codec.date(now),
      });
      return account;
    },
    findById,
    async findByEmail(email) {
      const row = (await knex(TABLE).where({ email }).orderBy('created_at').first()) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async update(id, patch: AccountPatch) {
      const changes: Row = { updated_at: codec.date(new Date()) };
      if (patch.email !== undefined) changes.email = patch.email;
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.status !== undefined) changes.status = patch.status;
      const count = await knex(TABLE).where({ id }).update(changes);
      return count > 0 ? findById(id) : null;
    },
    async delete(id) {
      return (await knex(TABLE).where({ id }).delete()) > 0;
    },
  };
}
