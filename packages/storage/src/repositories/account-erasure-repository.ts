import type { AccountErasureRepository } from '@dropship/core';
import { str } from './context';
import type { RepositoryContext, Row } from './context';

const ERASED = '[erased]';
const ERASED_ADDRESS = 'erased@invalid';
/** Keys of audit details that may identify a person: request origins, free text. */
const ORIGIN_KEYS = ['ip', 'userAgent', 'email', 'reasonText', 'message'];

export function createAccountErasureRepository(ctx: RepositoryContext): AccountErasureRepository {
  const { knex, codec } = ctx;

  const eraseAudit = async (accountId: string): Promise<number> => {
    const rows = (await knex('audit_log').where({ actor_id: accountId }).select('id', 'details')) as Row[];
    let erased = 0;
    for (const row of rows) {
      const details = (codec.readJson(row.details) ?? {}) as Record<string, unknown>;
      const origin = details.origin as Record<string, unknown> | undefined;
      if (!ORIGIN_KEYS.some((key) => key in details) && origin === undefined) continue;
      const kept = Object.fromEntries(Object.entries(details).filter(([key]) => !ORIGIN_KEYS.includes(key)));
      if (origin !== undefined) kept.origin = { channel: origin.channel ?? null };
      await knex('audit_log')
        .where({ id: str(row.id) })
        .update({ details: codec.json(kept) });
      erased += 1;
    }
    return erased;
  };

  const eraseOutbox = async (email: string | null): Promise<number> => {
    if (email === null) return 0;
    const where = knex('outbox_messages').whereRaw('lower(to_address) = ?', [email.toLowerCase()]);
    await where.clone().where({ status: 'queued' }).update({ status: 'failed', error: 'recipient erased' });
    return where.clone().update({
      to_address: ERASED_ADDRESS,
      subject: ERASED,
      text_body: ERASED,
      html_body: null,
    });
  };

  return {
    async eraseOwnerData({ accountId, email, storeIds }) {
      await knex('account_credentials').where({ account_id: accountId }).delete();
      await knex('owner_sessions').where({ account_id: accountId }).delete();
      await knex('login_tokens').where({ account_id: accountId }).delete();
      await knex('subscriptions').where({ account_id: accountId }).update({ cancel_reason_text: null });
      await knex('billing_requests').where({ account_id: accountId }).update({ message: ERASED });
      const stores =
        storeIds.length === 0
          ? 0
          : await knex('stores')
              .whereIn('id', [...storeIds])
              .update({ contact_email: null, updated_at: codec.date(new Date()) });
      return { outboxMessages: await eraseOutbox(email), auditEntries: await eraseAudit(accountId), stores };
    },
  };
}
