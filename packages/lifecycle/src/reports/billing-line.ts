import type { DisconnectBillingLine, Subscription } from '@dropship/core';
import { SubscriptionProviders, SubscriptionStatuses } from '@dropship/core';

const runningStatuses: ReadonlySet<string> = new Set([
  SubscriptionStatuses.trial,
  SubscriptionStatuses.active,
  SubscriptionStatuses.pendingCancellation,
  SubscriptionStatuses.frozen,
]);

/**
 * The billing sentence a disconnect report carries: a Shopify subscription was
 * ended by Shopify (access until the period end); a platform subscription keeps
 * running until its owner cancels it, which the merchant must be told.
 */
export function billingLineOf(subscription: Subscription | null): DisconnectBillingLine {
  if (!subscription) return { kind: 'none' };
  if (subscription.provider === SubscriptionProviders.shopify) {
    return subscription.status === SubscriptionStatuses.cancelled
      ? { kind: 'ended_by_shopify', accessUntil: subscription.billingEndsAt }
      : { kind: 'none' };
  }
  if (!runningStatuses.has(subscription.status)) return { kind: 'none' };
  return {
    kind: 'platform_still_active',
    planName: subscription.planName,
    currentPeriodEnd: subscription.currentPeriodEnd,
  };
}
