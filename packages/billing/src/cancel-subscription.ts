import {
  ErrorKinds,
  SubscriptionTransitions as T,
  applySubscriptionTransition,
  parseCancellationRequest,
} from '@dropship/core';
import type { BillingRequest, CancellationRequest, Invoice, SubscriptionRecord } from '@dropship/core';
import type { BillingActor, BillingDeps, RequestOrigin } from './billing-deps';
import { sendCancellationConfirmation } from './cancellation-confirmation';
import { formatBillingDate } from './dates';
import { BillingError } from './errors';
import { findOwnedSubscription } from './owned-subscription';
import { voidOrReport } from './void-invoices';

export const CancellationModes = { immediate: 'immediate', periodEnd: 'period_end' } as const;
export type CancellationMode = (typeof CancellationModes)[keyof typeof CancellationModes];

export interface CancelSubscriptionParams {
  subscriptionId: string;
  /** The authenticated owner's account: the subscription must belong to it. */
  accountId: string;
  actor: BillingActor;
  origin: RequestOrigin;
  /** As submitted: checked here. */
  mode: unknown;
  reason: unknown;
  reasonText?: unknown;
}

export interface CancellationResult {
  outcome: 'cancelled' | 'scheduled';
  /** "Cancelled — no further charges" / "Will end on 28 February 2028", plus what happened to invoices. */
  message: string;
  endsAt: Date;
  invoice: null | { number: string; status: Invoice['status']; voided: boolean };
  billingTeamRequest: null | { id: string; kind: 'invoice_adjustment'; invoiceNumber: string };
}

export interface CancelSubscriptionResult {
  subscription: SubscriptionRecord;
  result: CancellationResult;
}

function parseMode(mode: unknown): CancellationMode {
  if (mode === CancellationModes.immediate || mode === CancellationModes.periodEnd) return mode;
  throw new BillingError(
    ErrorKinds.invalidInput,
    `Choose when the cancellation takes effect: "immediate" or "period_end" (got ${JSON.stringify(mode) ?? 'nothing'}).`,
    { field: 'mode' },
  );
}

function parseReason(input: { reason: unknown; text?: unknown }): CancellationRequest {
  const parsed = parseCancellationRequest(input);
  if (!parsed.ok) {
    throw new BillingError(ErrorKinds.invalidInput, parsed.message, {
      field: parsed.problem === 'unknown_reason' ? 'reason' : 'reasonText',
      problem: parsed.problem,
    });
  }
  return parsed.value;
}

/**
 * An owner's cancellation of a platform subscription, placed only from the
 * authenticated account area: immediate (billing stops now, the unpaid invoice
 * of the period is voided) or at the period end (reversible until then, no
 * further invoice). A paid invoice that cannot be voided becomes a request for
 * the billing team with its number. Refunds are separate requests.
 */
export async function cancelSubscription(
  deps: BillingDeps,
  params: CancelSubscriptionParams,
): Promise<CancelSubscriptionResult> {
  const mode = parseMode(params.mode);
  const request = parseReason({ reason: params.reason, text: params.reasonText });
  const { subscription: before } = await findOwnedSubscription(
    deps.repos,
    params.subscriptionId,
    params.accountId,
  );
  const at = deps.clock.now();
  const cancelled = applySubscriptionTransition(
    before,
    mode === 'immediate' ? T.cancelImmediately : T.scheduleCancellation,
    { at, source: params.origin.channel, actorId: params.actor.id, cancellation: request },
  );
  const endsAt = cancelled.billingEndsAt ?? at;
  const effects = await deps.repos.transaction(async (repos) => {
    const updated = await repos.subscriptions.updateIf(before.id, before.status, {
      status: cancelled.status,
      cancelAtPeriodEnd: cancelled.cancelAtPeriodEnd,
      cancelledAt: cancelled.cancelledAt,
      cancelSource: cancelled.cancelSource,
      cancelReason: cancelled.cancelReason,
      cancelReasonText: cancelled.cancelReasonText,
      cancelledBy: cancelled.cancelledBy,
      billingEndsAt: cancelled.billingEndsAt,
    });
    if (!updated) {
      throw new BillingError(
        ErrorKinds.conflict,
        `Subscription ${before.id} changed while you were cancelling it. Reload it and try again.`,
        { subscriptionId: before.id },
      );
    }
    const { voided, paid } = await voidOrReport(repos, before.id, endsAt, at);
    const requests: BillingRequest[] = [];
    for (const invoice of paid)
      requests.push(await adjustmentRequest(repos, before, invoice, params.actor, at));
    await repos.audit.append({
      at,
      actorType: params.actor.type,
      actorId: params.actor.id,
      action: mode === 'immediate' ? 'subscription.cancelled' : 'subscription.cancellation_scheduled',
      entityType: 'subscription',
      entityId: before.id,
      details: {
        mode,
        reason: request.reason,
        reasonText: request.text,
        endsAt,
        origin: { ...params.origin },
        voidedInvoices: voided.map((invoice) => invoice.number),
        billingTeamRequests: requests.map((r) => r.id),
      },
    });
    return { voided, paid, requests };
  });
  if (mode === 'immediate' && before.currentPeriodEnd) {
    await deps.scheduler.unscheduleRenewal(before.id, before.currentPeriodEnd);
  }
  const subscription = (await deps.repos.subscriptions.findById(before.id)) ?? before;
  const result = describeResult(mode, endsAt, effects);
  await sendCancellationConfirmation(deps, subscription, result);
  return { subscription, result };
}

async function adjustmentRequest(
  repos: BillingDeps['repos'],
  sub: SubscriptionRecord,
  invoice: Invoice,
  actor: BillingActor,
  at: Date,
): Promise<BillingRequest> {
  const created = await repos.billingRequests.createOnce({
    kind: 'invoice_adjustment',
    idempotencyKey: `invoice_adjustment.${invoice.number}`,
    accountId: sub.accountId,
    subscriptionId: sub.id,
    invoiceNumber: invoice.number,
    message:
      `Subscription ${sub.id} was cancelled with immediate effect on ${at.toISOString()}. ` +
      `Invoice ${invoice.number} (${formatBillingDate(invoice.periodStart)} – ${formatBillingDate(invoice.periodEnd)}) ` +
      'was already paid and could not be voided: review and adjust it by hand.',
    requestedBy: `${actor.type}:${actor.id}`,
    createdAt: at,
  });
  return created.inserted ? created.request : created.existing;
}

function describeResult(
  mode: CancellationMode,
  endsAt: Date,
  effects: { voided: Invoice[]; paid: Invoice[]; requests: BillingRequest[] },
): CancellationResult {
  const paid = effects.paid[0];
  const voided = effects.voided[0];
  const request = effects.requests[0];
  const parts = [
    mode === 'immediate'
      ? 'Cancelled — no further charges.'
      : `Will end on ${formatBillingDate(endsAt)}. No further invoice will be issued; you can undo this until then.`,
  ];
  if (effects.voided.length > 0) {
    parts.push(`Open invoice ${effects.voided.map((i) => i.number).join(', ')} was voided.`);
  }
  if (paid && request) {
    parts.push(
      `Invoice ${paid.number} was already paid, so it could not be voided: we sent a request to the billing team to adjust it (request ${request.id}). Refunds are requested separately.`,
    );
  }
  const invoice = paid ?? voided;
  return {
    outcome: mode === 'immediate' ? 'cancelled' : 'scheduled',
    message: parts.join(' '),
    endsAt,
    invoice: invoice ? { number: invoice.number, status: invoice.status, voided: invoice === voided } : null,
    billingTeamRequest:
      paid && request ? { id: request.id, kind: 'invoice_adjustment', invoiceNumber: paid.number } : null,
  };
}
