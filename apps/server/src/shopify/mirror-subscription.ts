import {
  applySubscriptionTransition,
  ErrorKinds,
  fromShopifyStatus,
  isDomainError,
  openSubscription,
  ShopifySubscriptionStatuses,
  SubscriptionProviders,
  SubscriptionStatuses,
} from '@dropship/core';
import type {
  BillingPeriod,
  Clock,
  Repositories,
  ShopifySubscriptionStatus,
  Store,
  SubscriptionRecord,
} from '@dropship/core';
import type { Config } from '@dropship/config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What Shopify says of one AppSubscription (webhook body or Admin API read). */
export interface ShopifySubscriptionSnapshot {
  /** `gid://shopify/AppSubscription/<n>`. */
  id: string;
  name: string;
  status: ShopifySubscriptionStatus;
  /** Known only from the Admin API, and only while the subscription is active. */
  currentPeriodEnd: Date | null;
  trialDays: number;
}

export interface MirrorSubscriptionDeps {
  repos: Pick<Repositories, 'subscriptions'>;
  clock: Clock;
  config: Pick<Config, 'billing'>;
}

export interface MirrorSubscriptionParams {
  store: Pick<Store, 'id' | 'accountId'>;
  snapshot: ShopifySubscriptionSnapshot;
  /** Recorded as the cancel source when Shopify cancels: `shopify_subscription_update`, … */
  source: string;
}

export type MirrorSubscriptionResult =
  | { outcome: 'opened' | 'applied' | 'refreshed'; subscription: SubscriptionRecord }
  | { outcome: 'unchanged'; subscription: SubscriptionRecord | null; reason: string };

/** The period Shopify states, when it is one (end after now). */
function periodOf(snapshot: ShopifySubscriptionSnapshot, at: Date): BillingPeriod | undefined {
  const end = snapshot.currentPeriodEnd;
  return end !== null && end.getTime() > at.getTime() ? { start: at, end } : undefined;
}

async function open(
  deps: MirrorSubscriptionDeps,
  params: MirrorSubscriptionParams,
): Promise<SubscriptionRecord | null> {
  const at = deps.clock.now();
  const { snapshot, store } = params;
  const period = periodOf(snapshot, at);
  // Shopify has no trial status: a subscription in its trial days is ACTIVE, and so is ours.
  const opened = openSubscription({
    id: snapshot.id,
    storeId: store.id,
    accountId: store.accountId,
    provider: SubscriptionProviders.shopify,
    externalId: snapshot.id,
    planName: snapshot.name,
    price: { amountMinor: deps.config.billing.amountMinor, currency: deps.config.billing.currency },
    at,
    ...(period ? { period } : {}),
  });
  try {
    return await deps.repos.subscriptions.create({
      storeId: opened.storeId,
      accountId: opened.accountId,
      provider: opened.provider,
      externalId: opened.externalId,
      planName: opened.planName,
      priceMinor: opened.priceMinor,
      currency: opened.currency,
      status: opened.status,
      trialEndsAt: snapshot.trialDays > 0 ? new Date(at.getTime() + snapshot.trialDays * DAY_MS) : null,
      currentPeriodStart: period ? opened.currentPeriodStart : null,
      currentPeriodEnd: period ? opened.currentPeriodEnd : null,
      interval: 'month',
    });
  } catch (error) {
    // The return URL and the webhook raced to open it: the other one won.
    if (isDomainError(error) && error.kind === ErrorKinds.conflict) return null;
    throw error;
  }
}

async function refreshPeriod(
  deps: MirrorSubscriptionDeps,
  current: SubscriptionRecord,
  snapshot: ShopifySubscriptionSnapshot,
): Promise<MirrorSubscriptionResult> {
  const end = snapshot.currentPeriodEnd;
  const running =
    current.status === SubscriptionStatuses.active || current.status === SubscriptionStatuses.trial;
  if (!running || end === null || current.currentPeriodEnd?.getTime() === end.getTime()) {
    return { outcome: 'unchanged', subscription: current, reason: 'already_in_status' };
  }
  const updated = await deps.repos.subscriptions.update(current.id, {
    currentPeriodEnd: end,
    currentPeriodStart: current.currentPeriodStart ?? deps.clock.now(),
  });
  return { outcome: 'refreshed', subscription: updated ?? current };
}

/**
 * Mirrors a Shopify subscription status into our row (per core's
 * fromShopifyStatus): opens it when ACTIVE first arrives, applies the matching
 * transition, and refreshes the stored current period end while it is active —
 * after an uninstall the token is revoked and Shopify can no longer be asked.
 * Idempotent: the same status twice changes nothing.
 */
export async function mirrorShopifySubscription(
  deps: MirrorSubscriptionDeps,
  params: MirrorSubscriptionParams,
): Promise<MirrorSubscriptionResult> {
  const { snapshot } = params;
  const current = await deps.repos.subscriptions.findByExternalId(SubscriptionProviders.shopify, snapshot.id);
  const mapping = fromShopifyStatus(snapshot.status, current?.status ?? null);
  if (mapping.kind === 'open') {
    const created = await open(deps, params);
    if (created) return { outcome: 'opened', subscription: created };
    return mirrorShopifySubscription(deps, params);
  }
  if (current === null)
    return {
      outcome: 'unchanged',
      subscription: null,
      reason: mapping.kind === 'none' ? mapping.reason : 'never_activated',
    };
  if (mapping.kind === 'none') {
    return snapshot.status === ShopifySubscriptionStatuses.active
      ? refreshPeriod(deps, current, snapshot)
      : { outcome: 'unchanged', subscription: current, reason: mapping.reason };
  }
  const at = deps.clock.now();
  const period = periodOf(snapshot, at);
  const next = applySubscriptionTransition(current, mapping.transition, {
    at,
    source: params.source,
    ...(period ? { period } : {}),
  });
  const moved = await deps.repos.subscriptions.updateIf(current.id, current.status, {
    status: next.status,
    currentPeriodStart: next.currentPeriodStart,
    currentPeriodEnd: next.currentPeriodEnd,
    cancelAtPeriodEnd: next.cancelAtPeriodEnd,
    cancelledAt: next.cancelledAt,
    cancelSource: next.cancelSource,
    billingEndsAt: next.billingEndsAt,
  });
  if (!moved) return { outcome: 'unchanged', subscription: current, reason: 'changed_concurrently' };
  return {
    outcome: 'applied',
    subscription: { ...current, ...next, anchorDay: current.anchorDay, interval: current.interval },
  };
}
