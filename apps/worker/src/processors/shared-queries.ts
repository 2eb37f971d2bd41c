import { createLoader } from '@dropship/core';
import type { Batcher, Repositories, SubscriptionRecord } from '@dropship/core';

/** The newest subscription of each store (by created, then id), as `findLatestByStore` picks it. */
function latestOfEachStore(subscriptions: readonly SubscriptionRecord[]): SubscriptionRecord[] {
  const latest = new Map<string, SubscriptionRecord>();
  for (const subscription of subscriptions) {
    const current = latest.get(subscription.storeId);
    const newer =
      !current ||
      subscription.createdAt.getTime() > current.createdAt.getTime() ||
      (subscription.createdAt.getTime() === current.createdAt.getTime() && subscription.id > current.id);
    if (newer) latest.set(subscription.storeId, subscription);
  }
  return [...latest.values()];
}

/** A count per store, shared: a store the batch query left out has none. */
function countLoader(countMany: (storeIds: string[]) => Promise<Array<{ storeId: string; count: number }>>) {
  const loader = createLoader(countMany, (row) => row.storeId);
  return async (storeId: string) => (await loader.run(storeId))?.count ?? 0;
}

/**
 * The repositories with the reads by key that every lifecycle and
 * notification job makes (its event, its store and the merchant's contact,
 * the store's subscription and counts, the disconnect report) shared between
 * the jobs running at once: the reads issued while one query runs go
 * together in the next one. A backlog of disconnects then costs one query per
 * batch of jobs for each, not one per job, and on PostgreSQL each query is a
 * round trip. A read always joins a query that starts after it is issued, so
 * a job reading back what it has just written sees its write.
 */
export function withSharedReads(repos: Repositories): Repositories {
  const stores = createLoader(
    (ids: string[]) => repos.stores.findByIds(ids),
    (store) => store.id,
  );
  const contacts = createLoader(
    (ids: string[]) => repos.stores.getContacts(ids),
    (contact) => contact.store.id,
  );
  const events = createLoader(
    (ids: string[]) => repos.lifecycleEvents.findByIds(ids),
    (event) => event.id,
  );
  const reports = createLoader(
    (eventIds: string[]) => repos.disconnectReports.findByEvents(eventIds),
    (report) => report.eventId,
  );
  const subscriptions = createLoader(
    async (storeIds: string[]) => latestOfEachStore(await repos.subscriptions.listByStores(storeIds)),
    (subscription) => subscription.storeId,
  );
  const publishedProducts = countLoader((storeIds) => repos.publishedProducts.countByStores(storeIds));
  const ordersByStatus = new Map<string, (storeId: string) => Promise<number>>();
  const countOrders = (storeId: string, status: string) => {
    let count = ordersByStatus.get(status);
    if (!count) {
      count = countLoader((storeIds) => repos.orders.countByStatusForStores(storeIds, status));
      ordersByStatus.set(status, count);
    }
    return count(storeId);
  };
  const run =
    <K, V>(loader: Batcher<K, V>) =>
    (key: K) =>
      loader.run(key);
  return {
    ...repos,
    stores: { ...repos.stores, findById: run(stores), getContact: run(contacts) },
    lifecycleEvents: { ...repos.lifecycleEvents, findById: run(events) },
    disconnectReports: { ...repos.disconnectReports, findByEvent: run(reports) },
    subscriptions: { ...repos.subscriptions, findLatestByStore: run(subscriptions) },
    publishedProducts: {
      ...repos.publishedProducts,
      countByStore: (storeId, options) =>
        options?.includeRemoved
          ? repos.publishedProducts.countByStore(storeId, options)
          : publishedProducts(storeId),
    },
    orders: { ...repos.orders, countByStatus: countOrders },
  };
}
