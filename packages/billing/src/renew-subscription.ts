import {
  SubscriptionTransitions as T,
  addBillingMonthsOnAnchorDay,
  anchorDayOfPeriod,
  applySubscriptionTransition,
  nextPeriod,
} from '@dropship/core';
import type { BillingPeriod, Invoice, SubscriptionRecord } from '@dropship/core';
import type { BillingDeps } from './billing-deps';
import { collectInvoice, findPeriodInvoice, issuePeriodInvoice } from './issue-invoice';
import { voidInvoicesAfter } from './void-invoices';

export interface RenewSubscriptionParams {
  subscriptionId: string;
  /** The period end the renewal job was scheduled for; absent when the sweep renews whatever is due. */
  periodEnd?: Date;
}

export type RenewSubscriptionResult =
  | { outcome: 'renewed'; subscription: SubscriptionRecord; invoice: Invoice }
  | { outcome: 'ended_at_period_end'; subscription: SubscriptionRecord }
  | { outcome: 'already_renewed'; invoice: Invoice | null }
  | {
      outcome: 'skipped';
      reason: 'not_found' | 'not_platform' | 'ended' | 'frozen' | 'not_due' | 'no_period';
    };

/**
 * At a platform subscription's period end: a scheduled cancellation takes
 * effect (no invoice), otherwise the next monthly period starts and its invoice
 * is issued and collected, and the next renewal is scheduled. Idempotent per
 * (subscription, period end): a re-run finishes what the first run left
 * (collection, scheduling) and issues nothing twice.
 */
export async function renewSubscription(
  deps: BillingDeps,
  params: RenewSubscriptionParams,
): Promise<RenewSubscriptionResult> {
  const now = deps.clock.now();
  const sub = await deps.repos.subscriptions.findById(params.subscriptionId);
  if (!sub) return { outcome: 'skipped', reason: 'not_found' };
  if (sub.provider !== 'platform') return { outcome: 'skipped', reason: 'not_platform' };
  // A trial opened without a period (older rows) ends at its trial end.
  const boundary = sub.currentPeriodEnd ?? (sub.status === 'trial' ? sub.trialEndsAt : null);
  if (params.periodEnd && boundary && params.periodEnd.getTime() < boundary.getTime()) {
    return { outcome: 'already_renewed', invoice: await finishRenewal(deps, sub, params.periodEnd) };
  }
  if (sub.status === 'cancelled' || sub.status === 'expired') return { outcome: 'skipped', reason: 'ended' };
  if (sub.status === 'frozen') return { outcome: 'skipped', reason: 'frozen' };
  if (!boundary) return { outcome: 'skipped', reason: 'no_period' };
  if (boundary.getTime() > now.getTime()) return { outcome: 'skipped', reason: 'not_due' };
  if (sub.status === 'pending_cancellation') return endAtPeriodEnd(deps, sub, now);
  return startNextPeriod(deps, sub, boundary, now);
}

/** Renews period after period until the current one is not over (after downtime); returns each result. */
export async function renewUntilCurrent(
  deps: BillingDeps,
  subscriptionId: string,
  maxPeriods = 36,
): Promise<RenewSubscriptionResult[]> {
  const results: RenewSubscriptionResult[] = [];
  for (let i = 0; i < maxPeriods; i += 1) {
    const result = await renewSubscription(deps, { subscriptionId });
    results.push(result);
    if (result.outcome !== 'renewed') break;
  }
  return results;
}

function periodAfter(sub: SubscriptionRecord, boundary: Date): { period: BillingPeriod; anchorDay: number } {
  if (sub.status === 'trial') {
    // The first billed period starts when the trial ends, anchored on that day.
    const anchorDay = boundary.getUTCDate();
    return {
      period: { start: boundary, end: addBillingMonthsOnAnchorDay(anchorDay, boundary, 1) },
      anchorDay,
    };
  }
  const current = { start: sub.currentPeriodStart ?? boundary, end: boundary };
  const anchorDay = sub.anchorDay ?? anchorDayOfPeriod(current);
  return { period: nextPeriod(current, anchorDay), anchorDay };
}

async function startNextPeriod(
  deps: BillingDeps,
  sub: SubscriptionRecord,
  boundary: Date,
  now: Date,
): Promise<RenewSubscriptionResult> {
  const { period, anchorDay } = periodAfter(sub, boundary);
  const transition = sub.status === 'trial' ? T.convertTrial : T.renew;
  const moved = applySubscriptionTransition(sub, transition, { at: now, source: 'billing', period });
  const issued = await deps.repos.transaction(async (repos) => {
    const updated = await repos.subscriptions.updateIf(sub.id, sub.status, {
      status: moved.status,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      anchorDay,
    });
    if (!updated || !(await repos.billedPeriods.claim(sub.id, period.start, now))) return null;
    const invoice = await issuePeriodInvoice(repos, sub, period, now);
    await repos.audit.append({
      at: now,
      actorType: 'system',
      action: transition === T.convertTrial ? 'subscription.trial_converted' : 'subscription.renewed',
      entityType: 'subscription',
      entityId: sub.id,
      details: { periodStart: period.start, periodEnd: period.end, invoiceNumber: invoice.number },
    });
    return invoice;
  });
  if (!issued) return { outcome: 'already_renewed', invoice: null };
  const invoice = await collectInvoice({ repos: deps.repos, collector: deps.collector, at: now }, issued);
  await deps.scheduler.scheduleRenewal(sub.id, period.end);
  const subscription = (await deps.repos.subscriptions.findById(sub.id)) ?? sub;
  return { outcome: 'renewed', subscription, invoice };
}

/** A re-run after the period moved on: collect the invoice if it is still draft, make sure the next renewal is scheduled. */
async function finishRenewal(
  deps: BillingDeps,
  sub: SubscriptionRecord,
  periodStart: Date,
): Promise<Invoice | null> {
  const invoice = await findPeriodInvoice(deps.repos, sub.id, periodStart);
  const at = deps.clock.now();
  const collected = invoice
    ? await collectInvoice({ repos: deps.repos, collector: deps.collector, at }, invoice)
    : null;
  if (sub.currentPeriodEnd && (sub.status === 'active' || sub.status === 'pending_cancellation')) {
    await deps.scheduler.scheduleRenewal(sub.id, sub.currentPeriodEnd);
  }
  return collected;
}

async function endAtPeriodEnd(
  deps: BillingDeps,
  sub: SubscriptionRecord,
  now: Date,
): Promise<RenewSubscriptionResult> {
  const ended = applySubscriptionTransition(sub, T.completeScheduledCancellation, {
    at: now,
    source: 'billing',
  });
  await deps.repos.transaction(async (repos) => {
    const updated = await repos.subscriptions.updateIf(sub.id, 'pending_cancellation', {
      status: ended.status,
    });
    if (!updated) return;
    const endsAt = sub.billingEndsAt ?? sub.currentPeriodEnd ?? now;
    const voided = await voidInvoicesAfter(repos, sub.id, endsAt, now);
    await repos.audit.append({
      at: now,
      actorType: 'system',
      action: 'subscription.cancellation_completed',
      entityType: 'subscription',
      entityId: sub.id,
      details: { billingEndsAt: endsAt, voidedInvoices: voided.map((invoice) => invoice.number) },
    });
  });
  const subscription = (await deps.repos.subscriptions.findById(sub.id)) ?? sub;
  return { outcome: 'ended_at_period_end', subscription };
}
