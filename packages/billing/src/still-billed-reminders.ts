import type { BillingDeps } from './billing-deps';
import { ownerRecipient } from './recipient';
import { stillBilledMessage } from './still-billed-messages';
import { cancelUrlFor } from './still-billed';
import { nextChargeAt } from './subscription-status';

export interface StillBilledRemindersOptions {
  /** How many days before the next charge the reminder goes out (default 3). */
  reminderDays?: number;
  limit?: number;
}

export interface StillBilledRemindersResult {
  disconnectNotices: number;
  preChargeReminders: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * For every disconnected store still billed: a message once per disconnect
 * ("still billed, next charge DATE, cancel here"), and once per period a
 * reminder a few days before the charge. Idempotency keys make re-runs send
 * nothing twice, so the sweep may run as often as it likes.
 */
export async function sendStillBilledReminders(
  deps: BillingDeps,
  options: StillBilledRemindersOptions = {},
): Promise<StillBilledRemindersResult> {
  const now = deps.clock.now();
  const window = (options.reminderDays ?? 3) * DAY_MS;
  const result: StillBilledRemindersResult = { disconnectNotices: 0, preChargeReminders: 0 };
  const rows = await deps.repos.subscriptions.listStillBilledAfterDisconnect(options.limit ?? 500);
  for (const { store, subscription } of rows) {
    const chargeAt = nextChargeAt(subscription);
    const recipient = chargeAt ? await ownerRecipient(deps.repos, subscription, store) : null;
    if (!chargeAt || !recipient) continue;
    const base = { store, subscription, nextChargeAt: chargeAt, cancelUrl: cancelUrlFor(deps, store) };
    const disconnectedAt = store.disconnectedAt?.getTime() ?? 0;
    const notice = stillBilledMessage({ ...base, kind: 'disconnected', language: recipient.language });
    await deps.mailer.send({
      to: recipient.email,
      ...notice,
      tags: ['still-billed', 'disconnect'],
      idempotencyKey: `still_billed.disconnect.${subscription.id}.${disconnectedAt}`,
    });
    result.disconnectNotices += 1;
    const dueIn = chargeAt.getTime() - now.getTime();
    if (dueIn <= 0 || dueIn > window) continue;
    const reminder = stillBilledMessage({ ...base, kind: 'pre_charge', language: recipient.language });
    await deps.mailer.send({
      to: recipient.email,
      ...reminder,
      tags: ['still-billed', 'pre-charge'],
      idempotencyKey: `still_billed.pre_charge.${subscription.id}.${chargeAt.getTime()}`,
    });
    result.preChargeReminders += 1;
  }
  return result;
}
