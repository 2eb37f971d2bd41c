import * as core from './index';

describe('public surface', () => {
  it.each([
    'DomainError',
    'IllegalTransitionError',
    'InvalidInputError',
    'StoreTransitions',
    'applyStoreTransition',
    'canApplyStoreTransition',
    'SubscriptionTransitions',
    'applySubscriptionTransition',
    'canApplySubscriptionTransition',
    'subscriptionEffectOfStoreDisconnect',
    'fromShopifyStatus',
    'openSubscription',
    'CancellationReasons',
    'addBillingMonths',
    'nextPeriod',
    'formatMoney',
    'decideAccountDeletion',
    'applyAccountTransition',
    'createManualClock',
    'StoreStates',
  ])('exports %s', (name) => {
    expect(core).toHaveProperty(name);
  });
});
