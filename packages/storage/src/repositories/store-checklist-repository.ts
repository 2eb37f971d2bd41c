import { ChecklistItemNames } from '@dropship/core';
import type { ChecklistItemName, StoreChecklist, StoreChecklistRepository } from '@dropship/core';
import type { RepositoryContext, Row } from './context';

const TABLE = 'store_checklists';

function emptyItems(): Record<ChecklistItemName, boolean> {
  return Object.fromEntries(ChecklistItemNames.map((item) => [item, false])) as Record<
    ChecklistItemName,
    boolean
  >;
}

export function createStoreChecklistRepository(ctx: RepositoryContext): StoreChecklistRepository {
  const { knex, codec } = ctx;

  const get = async (storeId: string): Promise<StoreChecklist> => {
    const row = (await knex(TABLE).where({ store_id: storeId }).first()) as Row | undefined;
    if (!row) return { storeId, items: emptyItems(), teamEmails: [], updatedAt: null };
    const saved = (codec.readJson(row.items) ?? {}) as Partial<Record<ChecklistItemName, boolean>>;
    return {
      storeId,
      items: { ...emptyItems(), ...saved },
      teamEmails: (codec.readJson(row.team_emails) ?? []) as string[],
      updatedAt: codec.readDate(row.updated_at),
    };
  };

  // Read-modify-write under a row lock (PostgreSQL) or the single SQLite writer.
  const save = async (storeId: string, change: (current: StoreChecklist) => StoreChecklist, at: Date) => {
    const write = async (trx: RepositoryContext['knex']) => {
      await trx(TABLE)
        .insert({
          store_id: storeId,
          items: codec.json(emptyItems()),
          team_emails: codec.json([]),
          updated_at: codec.date(at),
        })
        .onConflict('store_id')
        .ignore();
      if (ctx.dialect === 'postgres') await trx(TABLE).where({ store_id: storeId }).forUpdate();
      const next = change(await createStoreChecklistRepository({ ...ctx, knex: trx }).get(storeId));
      await trx(TABLE)
        .where({ store_id: storeId })
        .update({
          items: codec.json(next.items),
          team_emails: codec.json(next.teamEmails),
          updated_at: codec.date(at),
        });
      return { ...next, updatedAt: at };
    };
    return knex.transaction((trx) => write(trx));
  };

  return {
    get,
    setItem: (storeId, item, done, at) =>
      save(storeId, (current) => ({ ...current, items: { ...current.items, [item]: done } }), at),
    addTeamEmails: (storeId, emails, at) =>
      save(
        storeId,
        (current) => ({ ...current, teamEmails: [...new Set([...current.teamEmails, ...emails])] }),
        at,
      ),
  };
}
