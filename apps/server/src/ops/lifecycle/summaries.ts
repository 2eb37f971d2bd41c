import type { Store, SubscriptionRecord } from '@dropship/core';

/** A store as the team's lists and the JSON API show it. */
export interface StoreSummary {
  id: string;
  platform: string;
  domain: string;
  state: string;
  disconnectedAt: string | null;
  disconnectSource: string | null;
  automationEnabled: boolean;
  /** The store's timeline page. */
  timelineUrl: string;
}

export interface SubscriptionSummary {
  id: string;
  provider: string;
  planName: string;
  status: string;
  priceMinor: number;
  currency: string;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  billingEndsAt: string | null;
  cancelReason: string | null;
  /** When the platform charges next; null when no charge is coming (cancellation scheduled, provider-billed). */
  nextChargeAt: string | null;
}

export const iso = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);

export function timelineUrlOf(storeId: string): string {
  return `/ops/stores/${encodeURIComponent(storeId)}`;
}

export function summariseStore(store: Store): StoreSummary {
  return {
    id: store.id,
    platform: store.platform,
    domain: store.domain,
    state: store.state,
    disconnectedAt: iso(store.disconnectedAt),
    disconnectSource: store.disconnectSource,
    automationEnabled: store.automationEnabled,
    timelineUrl: timelineUrlOf(store.id),
  };
}

function nextChargeOf(subscription: SubscriptionRecord): Date | null {
  if (subscription.provider !== 'platform' || subscription.cancelAtPeriodEnd) return null;
  if (subscription.status === 'trial') return subscription.trialEndsAt ?? subscription.currentPeriodEnd;
  if (subscription.status === 'active') return subscription.currentPeriodEnd;
  return null;
}

export function summariseSubscription(subscription: SubscriptionRecord): SubscriptionSummary {
  return {
    id: subscription.id,
    provider: subscription.provider,
    planName: subscription.planName,
    status: subscription.status,
    priceMinor: subscription.priceMinor,
    currency: subscription.currency,
    currentPeriodEnd: iso(subscription.currentPeriodEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    billingEndsAt: iso(subscription.billingEndsAt),
    cancelReason: subscription.cancelReason,
    nextChargeAt: iso(nextChargeOf(subscription)),
  };
}
