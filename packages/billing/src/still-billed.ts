import type { Repositories, Store, SubscriptionRecord } from '@dropship/core';
import { nextChargeAt, willChargeAgain } from './subscription-status';

/** A store that no longer runs the plugin (deactivated, deleted, heartbeat lost) while its subscription bills on. */
export interface StillBilledStore {
  store: Store;
  subscription: SubscriptionRecord;
  nextChargeAt: Date | null;
  /** Where the owner cancels: the account area's store management page. */
  cancelUrl: string;
}

export interface StillBilledDeps {
  repos: Pick<Repositories, 'stores' | 'subscriptions'>;
  accountUrl: string;
}

/** The store's running platform subscription when the store is disconnected and will still be charged. */
export async function stillBilledNotice(
  deps: StillBilledDeps,
  store: Store,
): Promise<StillBilledStore | null> {
  if (store.state === 'connected' || store.platform !== 'woocommerce') return null;
  const subscription = await deps.repos.subscriptions.findLatestByStore(store.id);
  if (!subscription || !willChargeAgain(subscription)) return null;
  return {
    store,
    subscription,
    nextChargeAt: nextChargeAt(subscription),
    cancelUrl: cancelUrlFor(deps, store),
  };
}

/** Every store of the account that is disconnected but still billed: "still billed, next charge DATE, cancel here". */
export async function stillBilledStores(
  deps: StillBilledDeps,
  accountId: string,
): Promise<StillBilledStore[]> {
  const stores = await deps.repos.stores.listByAccount(accountId);
  const notices = await Promise.all(stores.map((store) => stillBilledNotice(deps, store)));
  return notices.filter((notice): notice is StillBilledStore => notice !== null);
}

export function cancelUrlFor(deps: Pick<StillBilledDeps, 'accountUrl'>, store: Pick<Store, 'id'>): string {
  return `${deps.accountUrl}?store=${encodeURIComponent(store.id)}#cancel`;
}
