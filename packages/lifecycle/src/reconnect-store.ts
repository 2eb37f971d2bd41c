import { Platforms, StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';
import { JobNames } from '@dropship/queues';
import type { LifecyclePayload } from '@dropship/queues';
import {
  EventOutcomes,
  loadLifecycleContext,
  orderSyncSchedule,
  reloadStore,
  settleOutcome,
} from './lifecycle-context';
import type { LifecycleDeps } from './lifecycle-context';
import { markStoreConnected } from './mark-store-connected';

export type ReconnectStoreResult =
  { outcome: 'applied'; state: Store['state'] } | { outcome: 'ignored_stale'; reason: string };

/** A reinstall older than the store's latest disconnect came late: applying it would revive a store that left. */
function isStaleReconnect(store: Store, at: Date): boolean {
  return (
    store.state !== StoreStates.connected &&
    store.disconnectedAt !== null &&
    at.getTime() < store.disconnectedAt.getTime()
  );
}

/**
 * Whether the platform can read the store's orders: a WooCommerce site needs
 * a REST key that still works (a site connected with a code has none until
 * its owner adds one, which schedules the sync then).
 */
async function canReadOrders(deps: LifecycleDeps, store: Store): Promise<boolean> {
  if (store.platform !== Platforms.woocommerce) return true;
  const link = await deps.repos.wooStores.findByStore(store.id);
  return link !== null && link.keyId !== null && link.keysRevokedAt === null;
}

/**
 * The `store reconnected` job (reinstall, plugin reactivation): mark state →
 * resume automation (the store's order-sync scheduler, same predictable id;
 * for WooCommerce also the site's order and product webhooks, in a job of
 * their own so an unreachable site does not hold the reconnection back).
 * Orders reported as pending at the disconnect are not placed retroactively:
 * the merchant was told to handle them.
 */
export async function reconnectStore(
  deps: LifecycleDeps,
  payload: LifecyclePayload,
): Promise<ReconnectStoreResult> {
  const ctx = await loadLifecycleContext(deps, payload);
  if (isStaleReconnect(ctx.store, ctx.at)) {
    const reason = `reconnect at ${ctx.at.toISOString()} predates the disconnect at ${ctx.store.disconnectedAt?.toISOString()}`;
    await settleOutcome(deps, ctx.event, EventOutcomes.ignoredStale, reason);
    return { outcome: 'ignored_stale', reason };
  }
  await markStoreConnected(deps.repos, ctx.store, ctx.at, ctx.source);
  const store = await reloadStore(deps, ctx.store.id);
  if (
    store.state === StoreStates.connected &&
    store.automationEnabled &&
    (await canReadOrders(deps, store))
  ) {
    await deps.queues.scheduleOrderSync(store.id, orderSyncSchedule(deps));
    if (store.platform === Platforms.woocommerce) {
      await deps.queues.enqueue(JobNames.subscribeStoreWebhooks, {
        storeId: store.id,
        reference: ctx.event.id,
      });
    }
  }
  await settleOutcome(deps, ctx.event, EventOutcomes.applied, null);
  return { outcome: 'applied', state: store.state };
}
