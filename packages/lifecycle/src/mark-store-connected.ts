import { StoreStates, StoreTransitions, applyStoreTransition, canApplyStoreTransition } from '@dropship/core';
import type { LifecycleSource, Repositories, Store } from '@dropship/core';

/**
 * Back to `connected` with the automation gate open (reinstall, plugin
 * reactivation); the latest install time wins, so a late disconnect of the
 * previous install compares its time with this one and is ignored. Both
 * writes are guarded by the state they were computed from.
 */
export async function markStoreConnected(
  repos: Pick<Repositories, 'stores'>,
  store: Store,
  at: Date,
  source: LifecycleSource,
): Promise<void> {
  if (canApplyStoreTransition(store, StoreTransitions.reconnect)) {
    const next = applyStoreTransition(store, StoreTransitions.reconnect, { at, source });
    await repos.stores.updateIf(store.id, store.state, {
      state: next.state,
      automationEnabled: next.automationEnabled,
      installedAt: next.installedAt,
      disconnectedAt: next.disconnectedAt,
      disconnectSource: next.disconnectSource,
    });
    return;
  }
  // Already connected (first install, or a re-run): keep the newest install time, open the gate.
  const newer = store.installedAt === null || store.installedAt.getTime() < at.getTime();
  await repos.stores.updateIf(store.id, StoreStates.connected, {
    automationEnabled: true,
    ...(newer ? { installedAt: at } : {}),
  });
}
