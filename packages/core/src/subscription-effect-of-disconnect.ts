import type { LifecycleSource, Subscription } from './model';
import { LifecycleSources, SubscriptionProviders } from './model';
import type { SubscriptionTransition } from './subscription-lifecycle';
import { SubscriptionTransitions, canApplySubscriptionTransition } from './subscription-lifecycle';

export type StoreDisconnectBillingEffect =
  | {
      effect: 'unchanged';
      reason: 'platform_billed_separately' | 'not_an_uninstall' | 'already_ended';
      /** What the owner must be told: platform billing continues until they cancel. */
      ownerMustCancel: boolean;
    }
  | {
      effect: 'cancel';
      transition: SubscriptionTransition;
      /** When access / billing ends: the period end stored before the uninstall. */
      billingEndsAt: Date | null;
    };

/**
 * What a store disconnect does to the store's subscription; the one place this
 * rule lives. A Shopify uninstall cancels the Shopify subscription (Shopify does
 * it, we record it). Nothing else changes billing: a WooCommerce plugin
 * deactivation or deletion leaves the platform subscription running until the
 * owner cancels it in the dashboard, and a lost heartbeat or a dashboard
 * disconnect of a Shopify store does not cancel Shopify's billing either.
 */
export function subscriptionEffectOfStoreDisconnect(
  subscription: Subscription,
  source: LifecycleSource,
): StoreDisconnectBillingEffect {
  if (subscription.provider === SubscriptionProviders.platform) {
    const running = canApplySubscriptionTransition(subscription, SubscriptionTransitions.cancelImmediately);
    return running
      ? { effect: 'unchanged', reason: 'platform_billed_separately', ownerMustCancel: true }
      : { effect: 'unchanged', reason: 'already_ended', ownerMustCancel: false };
  }
  if (source !== LifecycleSources.shopifyUninstall) {
    return { effect: 'unchanged', reason: 'not_an_uninstall', ownerMustCancel: false };
  }
  if (!canApplySubscriptionTransition(subscription, SubscriptionTransitions.cancelByProvider)) {
    return { effect: 'unchanged', reason: 'already_ended', ownerMustCancel: false };
  }
  return {
    effect: 'cancel',
    transition: SubscriptionTransitions.cancelByProvider,
    billingEndsAt: subscription.currentPeriodEnd,
  };
}
