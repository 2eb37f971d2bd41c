import type { ShopifySubscriptionStatus } from '@dropship/core';
import { ShopifySubscriptionStatuses } from '@dropship/core';

/** An AppSubscription as the adapter returns it. Map `status` with @dropship/core's `fromShopifyStatus`. */
export interface ShopifyAppSubscription {
  /** `gid://shopify/AppSubscription/<n>`: stored as Subscription.externalId. */
  id: string;
  name: string;
  /** null for a status outside the documented set (the library also knows the legacy ACCEPTED). */
  status: ShopifySubscriptionStatus | null;
  rawStatus: string;
  test: boolean;
  trialDays: number;
  createdAt: Date | null;
  /** Null once the subscription is not active: store it while it is. */
  currentPeriodEnd: Date | null;
}

const known = new Set<string>(Object.values(ShopifySubscriptionStatuses));

export function parseShopifySubscriptionStatus(status: string): ShopifySubscriptionStatus | null {
  return known.has(status) ? (status as ShopifySubscriptionStatus) : null;
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface RawAppSubscription {
  id: string;
  name: string;
  status: string;
  test?: boolean | null;
  trialDays?: number | null;
  createdAt?: string | null;
  currentPeriodEnd?: string | null;
}

export function toAppSubscription(raw: RawAppSubscription): ShopifyAppSubscription {
  return {
    id: raw.id,
    name: raw.name,
    status: parseShopifySubscriptionStatus(raw.status),
    rawStatus: raw.status,
    test: raw.test ?? false,
    trialDays: raw.trialDays ?? 0,
    createdAt: toDate(raw.createdAt),
    currentPeriodEnd: toDate(raw.currentPeriodEnd),
  };
}
