import { SubscriptionStatuses, formatMoney } from '@dropship/core';
import type { Repositories, Store, SubscriptionRecord } from '@dropship/core';
import { bridgeLookups } from './bridge-lookups';

/** What the plugin shows about billing (docs/bridge-protocol.md, `GET /bridge/v1/subscription`). */
export interface SubscriptionView {
  status: string;
  plan: string | null;
  price: string | null;
  next_charge_at: string | null;
  billing_ends_at: string | null;
  still_billed: boolean;
  store_state: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function nextChargeOf(subscription: SubscriptionRecord): Date | null {
  if (subscription.cancelAtPeriodEnd) return null;
  if (subscription.status === SubscriptionStatuses.trial) return subscription.trialEndsAt;
  if (subscription.status === SubscriptionStatuses.active) return subscription.currentPeriodEnd;
  return null;
}

function billingEndOf(subscription: SubscriptionRecord): Date | null {
  if (subscription.billingEndsAt) return subscription.billingEndsAt;
  return subscription.cancelAtPeriodEnd ? subscription.currentPeriodEnd : null;
}

/**
 * The platform subscription as the site owner must see it: removing the plugin
 * changes none of it, so `still_billed` stays true until the owner cancels.
 */
export function subscriptionView(store: Store, subscription: SubscriptionRecord | null): SubscriptionView {
  if (!subscription) {
    return {
      status: 'none',
      plan: null,
      price: null,
      next_charge_at: null,
      billing_ends_at: null,
      still_billed: false,
      store_state: store.state,
    };
  }
  const nextCharge = nextChargeOf(subscription);
  return {
    status: subscription.status,
    plan: subscription.planName,
    price: formatMoney({ amountMinor: subscription.priceMinor, currency: subscription.currency }, 'en-US'),
    next_charge_at: iso(nextCharge),
    billing_ends_at: iso(billingEndOf(subscription)),
    still_billed: nextCharge !== null,
    store_state: store.state,
  };
}

/** The store's latest platform subscription, as the plugin sees it. */
export async function loadSubscriptionView(
  repos: Pick<Repositories, 'stores' | 'subscriptions'>,
  store: Store,
): Promise<SubscriptionView> {
  const subscriptions = await bridgeLookups(repos).subscriptions(store.id);
  const platform = subscriptions.filter((s) => s.provider === 'platform');
  const latest = platform.reduce<SubscriptionRecord | null>(
    (newest, s) => (newest === null || s.createdAt > newest.createdAt ? s : newest),
    null,
  );
  return subscriptionView(store, latest);
}
