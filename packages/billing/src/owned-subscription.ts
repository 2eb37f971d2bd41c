import { ErrorKinds } from '@dropship/core';
import type { Repositories, Store, SubscriptionRecord } from '@dropship/core';
import { BillingError } from './errors';

/**
 * The subscription when it belongs to `accountId` (its own account, or its
 * store's when it has none). Another account's subscription reads as NOT_FOUND:
 * the ids of others are never confirmed.
 */
export async function findOwnedSubscription(
  repos: Pick<Repositories, 'subscriptions' | 'stores'>,
  subscriptionId: string,
  accountId: string,
): Promise<{ subscription: SubscriptionRecord; store: Store }> {
  const subscription = await repos.subscriptions.findById(subscriptionId);
  const store = subscription ? await repos.stores.findById(subscription.storeId) : null;
  const owner = subscription?.accountId ?? store?.accountId ?? null;
  if (!subscription || !store || owner !== accountId) {
    throw new BillingError(
      ErrorKinds.notFound,
      `No subscription ${subscriptionId} in your account. Reload your stores and pick one of their subscriptions.`,
      { subscriptionId },
    );
  }
  return { subscription, store };
}
