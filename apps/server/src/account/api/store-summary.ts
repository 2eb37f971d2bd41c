import { nextChargeAt, willChargeAgain } from '@dropship/billing';
import type { Repositories, Store, SubscriptionRecord } from '@dropship/core';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The subscription as docs/api.md describes it. */
export function subscriptionJson(subscription: SubscriptionRecord) {
  return {
    id: subscription.id,
    provider: subscription.provider,
    planName: subscription.planName,
    price: { amountMinor: subscription.priceMinor, currency: subscription.currency },
    status: subscription.status,
    currentPeriodEnd: iso(subscription.currentPeriodEnd),
    nextChargeAt: iso(nextChargeAt(subscription)),
    billingEndsAt: iso(subscription.billingEndsAt),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    cancelReason: subscription.cancelReason,
    // The platform keeps charging until the owner cancels, whatever happened to the plugin.
    stillBilled: willChargeAgain(subscription),
  };
}

/** StoreSummary of docs/api.md. */
export async function storeSummary(repos: Repositories, store: Store) {
  const [subscription, total, active, pending] = await Promise.all([
    repos.subscriptions.findLatestByStore(store.id),
    repos.publishedProducts.countByStore(store.id, { includeRemoved: true }),
    repos.publishedProducts.countByStore(store.id),
    repos.orders.countByStatus(store.id, 'pending'),
  ]);
  return {
    id: store.id,
    platform: store.platform,
    domain: store.domain,
    state: store.state,
    automationEnabled: store.automationEnabled,
    disconnectedAt: iso(store.disconnectedAt),
    disconnectSource: store.disconnectSource,
    subscription: subscription ? subscriptionJson(subscription) : null,
    productsLeft: { total, removed: total - active },
    pendingOrders: { count: pending },
  };
}
