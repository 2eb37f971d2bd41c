import { SubscriptionStatuses, LifecycleSources } from '@dropship/core';
import type { Clock, Repositories, Store } from '@dropship/core';
import type { Config } from '@dropship/config';
import { remainingPaidDays } from '@dropship/shopify';
import type { ShopifyAdapter, ShopSession } from '@dropship/shopify';
import { refreshSubscriptions } from './refresh-subscriptions';

export interface RequestBillingDeps {
  repos: Repositories;
  clock: Clock;
  config: Pick<Config, 'billing' | 'appUrl'>;
  shopify: Pick<ShopifyAdapter, 'billing'>;
}

export type RequestBillingResult =
  { kind: 'confirm'; confirmationUrl: string; trialDays: number | null } | { kind: 'already_active' };

/**
 * Trial days of the new subscription. A merchant who subscribed before gets no
 * second plan trial: after an uninstall Shopify credited nothing, so the days
 * left of the paid period are given as trial days instead (0 once it is over).
 * A first subscription gets the plan's trial (null: the plan's own).
 */
export async function trialDaysFor(
  deps: Pick<RequestBillingDeps, 'repos' | 'clock'>,
  store: Store,
): Promise<number | null> {
  const previous = await deps.repos.subscriptions.listByStore(store.id);
  if (previous.length === 0) return null;
  const now = deps.clock.now();
  const paidUntil = previous
    .filter(
      (sub) =>
        sub.status === SubscriptionStatuses.cancelled &&
        sub.cancelSource === LifecycleSources.shopifyUninstall,
    )
    .map((sub) => sub.billingEndsAt)
    .filter((end): end is Date => end !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return remainingPaidDays(paidUntil ?? null, now);
}

/**
 * After an install: nothing to do when Shopify already has an active charge
 * for the app (mirrored into our row); otherwise the recurring plan is
 * requested through the library's billing API and the merchant must approve
 * it at the confirmation URL.
 */
export async function requestBilling(
  deps: RequestBillingDeps,
  store: Store,
  session: ShopSession,
): Promise<RequestBillingResult> {
  const refreshed = await refreshSubscriptions(deps, store, session);
  if (refreshed.active > 0) return { kind: 'already_active' };
  const trialDays = await trialDaysFor(deps, store);
  const returnUrl = `${deps.config.appUrl}/billing/return?shop=${encodeURIComponent(session.shop)}`;
  const { confirmationUrl } = await deps.shopify.billing.request({
    session,
    returnUrl,
    ...(trialDays !== null ? { trialDays } : {}),
  });
  return { kind: 'confirm', confirmationUrl, trialDays };
}
