import type { SubscriptionRecord } from '@dropship/core';
import type { BillingDeps } from './billing-deps';
import type { CancellationResult } from './cancel-subscription';
import { formatBillingDate } from './dates';
import { ownerRecipient } from './recipient';

/** Tells the owner what their cancellation did, once per cancellation. */
export async function sendCancellationConfirmation(
  deps: BillingDeps,
  subscription: SubscriptionRecord,
  result: CancellationResult,
): Promise<boolean> {
  const recipient = await ownerRecipient(deps.repos, subscription);
  if (!recipient || !subscription.cancelledAt) return false;
  const fr = recipient.language === 'fr';
  const subject = fr
    ? result.outcome === 'cancelled'
      ? 'Abonnement résilié — plus aucun prélèvement'
      : `Votre abonnement prendra fin le ${formatBillingDate(result.endsAt, 'fr')}`
    : result.outcome === 'cancelled'
      ? 'Subscription cancelled — no further charges'
      : `Your subscription will end on ${formatBillingDate(result.endsAt)}`;
  const refund = fr
    ? 'Pour un remboursement, faites une demande séparée depuis votre espace client.'
    : 'To ask for a refund, send a separate refund request from your account area.';
  await deps.mailer.send({
    to: recipient.email,
    subject,
    text: `${result.message}\n\n${refund}\n\n${deps.accountUrl}`,
    tags: ['cancellation-confirmed'],
    idempotencyKey: `cancellation_confirmed.${subscription.id}.${subscription.cancelledAt.getTime()}`,
  });
  return true;
}
