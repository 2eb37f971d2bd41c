import { Platforms } from '@dropship/core';
import type { Repositories, Store } from '@dropship/core';
import { JobNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { orderSyncSchedule } from '../lifecycle-context';
import type { LifecycleDeps } from '../lifecycle-context';
import { isAutomationOpen } from './store-gate';
import { wooKeyProblem } from './store-keys';

export interface ResumeOrderAutomationDeps extends Pick<LifecycleDeps, 'orderSyncEveryMs'> {
  repos: Pick<Repositories, 'wooStores'>;
  queues: Pick<Queues, 'enqueue' | 'scheduleOrderSync'>;
}

/** Whether the platform can read the store's orders: a WooCommerce site needs a REST key that works. */
async function canReadOrders(deps: ResumeOrderAutomationDeps, store: Store): Promise<boolean> {
  if (store.platform !== Platforms.woocommerce) return true;
  const link = await deps.repos.wooStores.findByStore(store.id);
  return link !== null && wooKeyProblem(link) === null;
}

/**
 * Starts the order automation of a store whose gate is open and whose orders
 * the platform can read: its order-sync scheduler (same predictable id), and
 * for WooCommerce the site's order and product webhooks, in a job of their own
 * (one per `reference`) so an unreachable site holds nothing back. Run by a
 * reconnection, and when a connected WooCommerce store gets a key. Returns
 * whether it started.
 */
export async function resumeOrderAutomation(
  deps: ResumeOrderAutomationDeps,
  store: Store,
  reference: string,
): Promise<boolean> {
  if (!isAutomationOpen(store) || !(await canReadOrders(deps, store))) return false;
  await deps.queues.scheduleOrderSync(store.id, orderSyncSchedule(deps));
  if (store.platform === Platforms.woocommerce) {
    await deps.queues.enqueue(JobNames.subscribeStoreWebhooks, { storeId: store.id, reference });
  }
  return true;
}
