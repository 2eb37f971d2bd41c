import { formatBillingDate } from '@dropship/billing';
import { ErrorKinds } from '@dropship/core';
import type { Store } from '@dropship/core';
import { createOutboxMailer } from '@dropship/lifecycle';
import type { ServerDeps } from '../../server-deps';
import { AccountAreaError } from '../auth/account-error';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_RECIPIENTS = 10;

function parseEmails(body: unknown): string[] {
  const emails = (body as { emails?: unknown } | null)?.emails;
  const list = Array.isArray(emails)
    ? emails.map((e) => (typeof e === 'string' ? e.trim().toLowerCase() : ''))
    : [];
  if (list.length === 0 || list.length > MAX_RECIPIENTS || !list.every((e) => EMAIL.test(e))) {
    throw new AccountAreaError(
      ErrorKinds.invalidInput,
      `Send { emails: [...] } with 1 to ${MAX_RECIPIENTS} valid e-mail addresses of your team.`,
      { field: 'emails' },
    );
  }
  return [...new Set(list)];
}

/**
 * "Inform the team" of the checklist: one outbox message per address saying the
 * store is about to be disconnected, with what remains (products, orders, billing end).
 */
export async function sendTeamNotice(
  deps: ServerDeps,
  store: Store,
  accountId: string,
  body: unknown,
): Promise<number> {
  const emails = parseEmails(body);
  const now = deps.clock.now();
  const [products, pending, subscription] = await Promise.all([
    deps.repos.publishedProducts.countByStore(store.id),
    deps.repos.orders.countByStatus(store.id, 'pending'),
    deps.repos.subscriptions.findLatestByStore(store.id),
  ]);
  const endsAt = subscription?.billingEndsAt ?? subscription?.currentPeriodEnd ?? null;
  const text = [
    `${store.domain} is about to be disconnected from Dropship Connect.`,
    `Products that stay published (to remove by hand): ${products}.`,
    `Orders not yet sent to the supplier: ${pending}.`,
    endsAt ? `Current billing cycle ends on ${formatBillingDate(endsAt)}.` : null,
  ]
    .filter(Boolean)
    .join('\n');
  const mailer = createOutboxMailer({ repos: deps.repos, clock: deps.clock });
  for (const to of emails) {
    await mailer.send({
      to,
      subject: `${store.domain} will be disconnected`,
      text,
      tags: ['team-notice'],
      idempotencyKey: `team_notice.${store.id}.${to}.${now.getTime()}`,
    });
  }
  await deps.repos.storeChecklists.addTeamEmails(store.id, emails, now);
  await deps.repos.storeChecklists.setItem(store.id, 'informTeam', true, now);
  await deps.repos.audit.append({
    at: now,
    actorType: 'merchant',
    actorId: accountId,
    action: 'store.team_notice_sent',
    entityType: 'store',
    entityId: store.id,
    details: { recipients: emails.length },
  });
  return emails.length;
}
