import type { Subscription } from '@dropship/core';

/** Not ended: trial, active, pending cancellation or frozen. */
export function isRunning(subscription: Pick<Subscription, 'status'>): boolean {
  return subscription.status !== 'cancelled' && subscription.status !== 'expired';
}

/** A platform subscription that will charge again unless the owner cancels it. */
export function willChargeAgain(subscription: Pick<Subscription, 'status' | 'provider'>): boolean {
  return (
    subscription.provider === 'platform' &&
    (subscription.status === 'trial' || subscription.status === 'active' || subscription.status === 'frozen')
  );
}

/** When the next invoice is issued: the end of the current period (or trial), while it will charge again. */
export function nextChargeAt(
  subscription: Pick<Subscription, 'status' | 'provider' | 'currentPeriodEnd' | 'trialEndsAt'>,
): Date | null {
  if (!willChargeAgain(subscription)) return null;
  return subscription.currentPeriodEnd ?? subscription.trialEndsAt;
}
