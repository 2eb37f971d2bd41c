import type { Clock, Repositories, Store } from '@dropship/core';
import type { Config } from '@dropship/config';
import type { ShopifyAdapter, ShopifyAppSubscription, ShopSession } from '@dropship/shopify';
import { mirrorShopifySubscription } from './mirror-subscription';
import type { MirrorSubscriptionResult } from './mirror-subscription';

export interface RefreshSubscriptionsDeps {
  repos: Repositories;
  clock: Clock;
  config: Pick<Config, 'billing'>;
  shopify: Pick<ShopifyAdapter, 'billing'>;
}

/** Where a status, period end or opening read from the Admin API is written. */
export const ADMIN_API_SOURCE = 'shopify_admin_api';

export function mirrorSnapshot(
  deps: RefreshSubscriptionsDeps,
  store: Store,
  subscription: ShopifyAppSubscription,
): Promise<MirrorSubscriptionResult> | null {
  if (subscription.status === null) return null;
  return mirrorShopifySubscription(deps, {
    store,
    source: ADMIN_API_SOURCE,
    snapshot: {
      id: subscription.id,
      name: subscription.name,
      status: subscription.status,
      currentPeriodEnd: subscription.currentPeriodEnd,
      trialDays: subscription.trialDays,
    },
  });
}

/**
 * Reads the shop's active subscriptions and mirrors each (opening it, or
 * refreshing its current period end): while the token is valid this is the
 * only source of `currentPeriodEnd`, which the uninstall needs later.
 */
export async function refreshSubscriptions(
  deps: RefreshSubscriptionsDeps,
  store: Store,
  session: ShopSession,
): Promise<{ active: number; results: MirrorSubscriptionResult[] }> {
  const active = await deps.shopify.billing.readActive({ session });
  const results: MirrorSubscriptionResult[] = [];
  for (const subscription of active) {
    const result = await mirrorSnapshot(deps, store, subscription);
    if (result) results.push(result);
  }
  return { active: active.length, results };
}
