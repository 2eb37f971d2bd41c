import { createBatcher, createLoader } from '@dropship/core';
import type {
  Batcher,
  Repositories,
  StorePatch,
  StoreState,
  SubscriptionChange,
  SubscriptionRecord,
} from '@dropship/core';

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
 * A write shared between the jobs running at once: the items issued while
 * one statement runs go together in the next, grouped by `groupOf` (items of
 * one group can share a statement). A write resolves once its statement has
 * committed, so the job's next read sees it. If a group's statement fails
 * (nothing of it applied), each of its items runs again on its own, so one
 * bad item fails only its own job, and the other groups keep their answers.
 */
function sharedWrite<I, O>(
  groupOf: (item: I) => string,
  many: (items: I[]) => Promise<O[]>,
  one: (item: I) => Promise<O>,
): (item: I) => Promise<O> {
  type Outcome = { value: O } | { error: unknown };
  const alone = async (item: I): Promise<Outcome> => {
    try {
      return { value: await one(item) };
    } catch (error) {
      return { error };
    }
  };
  const batcher = createBatcher(async (items: I[]) => {
    const groups = new Map<string, number[]>();
    items.forEach((item, index) => {
      const key = groupOf(item);
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    });
    const outcomes = new Array<Outcome>(items.length);
    await Promise.all(
      [...groups.values()].map(async (indexes) => {
        const members = indexes.map((index) => items[index] as I);
        try {
          const answers = await many(members);
          indexes.forEach((index, position) => (outcomes[index] = { value: answers[position] as O }));
        } catch {
          const retried = await Promise.all(members.map(alone));
          indexes.forEach((index, position) => (outcomes[index] = retried[position] as Outcome));
        }
      }),
    );
    return outcomes;
  });
  return async (item) => {
    const outcome = await batcher.run(item);
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/** Per item, whether its id is among those a shared statement applied to. */
function appliedTo(items: ReadonlyArray<{ id: string }>, ids: readonly string[]): boolean[] {
  const applied = new Set(ids);
  return items.map((item) => applied.has(item.id));
}

/**
 * The repositories with the queries by key that every lifecycle and
 * notification job makes shared between the jobs running at once. Reads:
 * the job's event, its store and the merchant's contact, the store's
 * subscription and counts, the disconnect report. Writes: the event's
 * outcome, the store's state and its subscription's, the report, the
 * Shopify sessions' removal.
 * A backlog of disconnects then costs one statement per batch of jobs for
 * each, not one per job, and on PostgreSQL each is a round trip. A read
 * always joins a query that starts after it is issued, so a job reading back
 * what it has just written sees its write.
 */
export function withSharedQueries(repos: Repositories): Repositories {
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
  const setOutcome = sharedWrite(
    (item: { id: string; outcome: string; reason: string | null }) =>
      JSON.stringify([item.outcome, item.reason]),
    async (items) => {
      const [first] = items;
      if (!first) return [];
      const ids = items.map((item) => item.id);
      return appliedTo(items, await repos.lifecycleEvents.setOutcomes(ids, first.outcome, first.reason));
    },
    (item) => repos.lifecycleEvents.setOutcome(item.id, item.outcome, item.reason),
  );
  const updateStoreIf = sharedWrite(
    (item: { id: string; expectedState: StoreState; patch: StorePatch }) =>
      JSON.stringify([item.expectedState, item.patch]),
    async (items) => {
      const [first] = items;
      if (!first) return [];
      const ids = items.map((item) => item.id);
      return appliedTo(items, await repos.stores.updateManyIf(ids, first.expectedState, first.patch));
    },
    (item) => repos.stores.updateIf(item.id, item.expectedState, item.patch),
  );
  const updateSubscriptionIf = sharedWrite(
    () => '',
    async (changes: SubscriptionChange[]) =>
      appliedTo(changes, await repos.subscriptions.updateManyIf(changes)),
    (change) => repos.subscriptions.updateIf(change.id, change.expectedStatus, change.patch),
  );
  const deleteSessions = sharedWrite(
    () => '',
    async (shops: string[]) => {
      // One entry per session deleted: a shop named twice in the batch counts its sessions for both.
      const deleted = await repos.shopifySessions.deleteByShops(shops);
      return shops.map((shop) => deleted.filter((name) => name === shop).length);
    },
    (shop) => repos.shopifySessions.deleteByShop(shop),
  );
  const run =
    <K, V>(loader: Batcher<K, V>) =>
    (key: K) =>
      loader.run(key);
  return {
    ...repos,
    stores: {
      ...repos.stores,
      findById: run(stores),
      getContact: run(contacts),
      updateIf: (id, expectedState, patch) => updateStoreIf({ id, expectedState, patch }),
    },
    lifecycleEvents: {
      ...repos.lifecycleEvents,
      findById: run(events),
      setOutcome: (id, outcome, reason) => setOutcome({ id, outcome, reason }),
    },
    disconnectReports: {
      ...repos.disconnectReports,
      findByEvent: run(reports),
      saveOnce: sharedWrite(
        () => '',
        (list) => repos.disconnectReports.saveManyOnce(list),
        (params) => repos.disconnectReports.saveOnce(params),
      ),
    },
    shopifySessions: { ...repos.shopifySessions, deleteByShop: deleteSessions },
    subscriptions: {
      ...repos.subscriptions,
      findLatestByStore: run(subscriptions),
      updateIf: (id, expectedStatus, patch) => updateSubscriptionIf({ id, expectedStatus, patch }),
    },
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
