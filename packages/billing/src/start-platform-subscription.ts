import { ErrorKinds, anchorDayOf, createMoney, openSubscription } from '@dropship/core';
import type { Invoice, Money, SubscriptionRecord } from '@dropship/core';
import type { BillingDeps } from './billing-deps';
import { BillingError } from './errors';
import { collectInvoice, issuePeriodInvoice } from './issue-invoice';
import { isRunning } from './subscription-status';

export interface PlatformPlan {
  planName: string;
  price: Money;
  /** Trial days for a store's first platform subscription (config BILLING_TRIAL_DAYS). */
  trialDays: number;
}

export interface StartPlatformSubscriptionParams {
  storeId: string;
  plan: PlatformPlan;
}

export interface StartPlatformSubscriptionResult {
  created: boolean;
  subscription: SubscriptionRecord;
  /** The first period's invoice when billing starts at once (no trial). */
  invoice: Invoice | null;
}

/**
 * Opens the monthly platform subscription of a newly connected WooCommerce
 * store: a trial for the store's first subscription (when configured), billed
 * monthly after that on the anchor day. Idempotent: a store with a running
 * platform subscription gets it back. Schedules the renewal at the period end.
 */
export async function startPlatformSubscription(
  deps: BillingDeps,
  params: StartPlatformSubscriptionParams,
): Promise<StartPlatformSubscriptionResult> {
  const { repos, clock } = deps;
  const store = await repos.stores.findById(params.storeId);
  if (!store || store.platform !== 'woocommerce') {
    throw new BillingError(
      ErrorKinds.notFound,
      `No WooCommerce store ${params.storeId}: platform subscriptions are for WooCommerce stores (Shopify bills its own).`,
      { storeId: params.storeId },
    );
  }
  const previous = (await repos.subscriptions.listByStore(store.id)).filter((s) => s.provider === 'platform');
  const running = previous.find(isRunning);
  if (running) return { created: false, subscription: running, invoice: null };

  const at = clock.now();
  const opened = openSubscription({
    id: 'new',
    storeId: store.id,
    accountId: store.accountId,
    provider: 'platform',
    externalId: null,
    planName: params.plan.planName,
    price: createMoney(params.plan.price.amountMinor, params.plan.price.currency),
    at,
    trialDays: previous.length === 0 ? params.plan.trialDays : 0,
  });
  const inTrial = opened.status === 'trial';
  // A trial is a period of its own (start → trial end), so renewals and sweeps treat both alike.
  const periodStart = inTrial ? at : (opened.currentPeriodStart as Date);
  const periodEnd = inTrial ? (opened.trialEndsAt as Date) : (opened.currentPeriodEnd as Date);
  const subscription = await repos.subscriptions.create({
    storeId: store.id,
    accountId: store.accountId,
    provider: 'platform',
    planName: opened.planName,
    priceMinor: opened.priceMinor,
    currency: opened.currency,
    status: opened.status,
    trialEndsAt: opened.trialEndsAt,
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    anchorDay: anchorDayOf(inTrial ? periodEnd : periodStart),
    interval: 'month',
  });
  await repos.audit.append({
    at,
    actorType: 'system',
    action: 'subscription.started',
    entityType: 'subscription',
    entityId: subscription.id,
    details: { storeId: store.id, status: subscription.status, trialEndsAt: subscription.trialEndsAt },
  });
  const invoice = inTrial ? null : await firstInvoice(deps, subscription);
  await deps.scheduler.scheduleRenewal(subscription.id, periodEnd);
  return { created: true, subscription, invoice };
}

async function firstInvoice(deps: BillingDeps, subscription: SubscriptionRecord): Promise<Invoice> {
  const at = deps.clock.now();
  const period = {
    start: subscription.currentPeriodStart as Date,
    end: subscription.currentPeriodEnd as Date,
  };
  await deps.repos.billedPeriods.claim(subscription.id, period.start, at);
  const invoice = await issuePeriodInvoice(deps.repos, subscription, period, at);
  return collectInvoice({ repos: deps.repos, collector: deps.collector, at }, invoice);
}
