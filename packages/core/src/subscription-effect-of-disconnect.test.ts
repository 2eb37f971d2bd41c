import type { LifecycleSource, Subscription, SubscriptionStatus } from './model';
import { LifecycleSources } from './model';
import { openSubscription } from './open-subscription';
import { subscriptionEffectOfStoreDisconnect } from './subscription-effect-of-disconnect';

const at = new Date('2025-05-15T10:00:00.000Z');

function subscription(provider: 'shopify' | 'platform', status: SubscriptionStatus = 'active'): Subscription {
  const opened = openSubscription({
    id: 'sub_1',
    storeId: 'store_1',
    accountId: 'acct_1',
    provider,
    externalId: provider === 'shopify' ? 'gid://shopify/AppSubscription/9' : null,
    planName: 'Pro',
    price: { amountMinor: 4900, currency: 'USD' },
    at,
  });
  return { ...opened, status };
}

const sources = Object.values(LifecycleSources) as LifecycleSource[];

describe('subscriptionEffectOfStoreDisconnect', () => {
  it.each(sources)('a platform subscription keeps running after a %s disconnect', (source) => {
    expect(subscriptionEffectOfStoreDisconnect(subscription('platform'), source)).toEqual({
      effect: 'unchanged',
      reason: 'platform_billed_separately',
      ownerMustCancel: true,
    });
  });

  it('a platform subscription already cancelled needs nothing from the owner', () => {
    expect(subscriptionEffectOfStoreDisconnect(subscription('platform', 'cancelled'), 'wp_deleted')).toEqual({
      effect: 'unchanged',
      reason: 'already_ended',
      ownerMustCancel: false,
    });
  });

  it('a Shopify uninstall cancels the Shopify subscription until the stored period end', () => {
    const active = subscription('shopify');
    expect(subscriptionEffectOfStoreDisconnect(active, 'shopify_uninstall')).toEqual({
      effect: 'cancel',
      transition: 'cancelByProvider',
      billingEndsAt: active.currentPeriodEnd,
    });
  });

  it.each(sources.filter((s) => s !== 'shopify_uninstall'))(
    'a Shopify subscription is not cancelled by a %s disconnect',
    (source) => {
      expect(subscriptionEffectOfStoreDisconnect(subscription('shopify'), source)).toEqual({
        effect: 'unchanged',
        reason: 'not_an_uninstall',
        ownerMustCancel: false,
      });
    },
  );

  it('a repeated uninstall of an already cancelled Shopify subscription changes nothing', () => {
    expect(
      subscriptionEffectOfStoreDisconnect(subscription('shopify', 'cancelled'), 'shopify_uninstall'),
    ).toEqual({
      effect: 'unchanged',
      reason: 'already_ended',
      ownerMustCancel: false,
    });
  });
});
