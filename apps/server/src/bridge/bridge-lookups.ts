import { createBatcher, createLoader } from '@dropship/core';
import type { Repositories, Store, SubscriptionRecord } from '@dropship/core';

type LookupRepos = Pick<Repositories, 'stores' | 'subscriptions'>;

/** A site as the bridge authenticates it: its store and its decrypted secret. */
export interface BridgeSite {
  store: Store;
  siteSecret: string | null;
}

/**
 * The bridge's reads, batched (createBatcher): concurrent
 * requests from many sites share one query per step instead of one each.
 * Each call still answers for its own site only.
 */
export interface BridgeLookups {
  site(id: string): Promise<BridgeSite | null>;
  store(id: string): Promise<Store | null>;
  subscriptions(storeId: string): Promise<SubscriptionRecord[]>;
}

function createBridgeLookups(repos: LookupRepos): BridgeLookups {
  const sites = createLoader(
    (ids: string[]) => repos.stores.findWithSiteSecrets(ids),
    (site) => site.store.id,
  );
  const stores = createLoader(
    (ids: string[]) => repos.stores.findByIds(ids),
    (store) => store.id,
  );
  const subscriptions = createBatcher(async (storeIds: string[]) => {
    const byStore = new Map<string, SubscriptionRecord[]>();
    for (const row of await repos.subscriptions.listByStores(storeIds)) {
      const rows = byStore.get(row.storeId);
      if (rows) rows.push(row);
      else byStore.set(row.storeId, [row]);
    }
    return storeIds.map((storeId) => byStore.get(storeId) ?? []);
  });
  return {
    site: (id) => sites.run(id),
    store: (id) => stores.run(id),
    subscriptions: (storeId) => subscriptions.run(storeId),
  };
}

const perRepositories = new WeakMap<LookupRepos, BridgeLookups>();

/** The lookups of these repositories: one set per process, so requests of every bridge route batch together. */
export function bridgeLookups(repos: LookupRepos): BridgeLookups {
  let lookups = perRepositories.get(repos);
  if (!lookups) {
    lookups = createBridgeLookups(repos);
    perRepositories.set(repos, lookups);
  }
  return lookups;
}
