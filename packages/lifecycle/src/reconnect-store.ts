import { StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';
import type { LifecyclePayload } from '@dropship/queues';
import { EventOutcomes, loadLifecycleContext, reloadStore, settleOutcome } from './lifecycle-context';
import type { LifecycleDeps } from './lifecycle-context';
import { markStoreConnected } from './mark-store-connected';
import { resumeOrderAutomation } from './order-automation/resume-order-automation';

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
 * The `store reconnected` job (reinstall, plugin reactivation): mark state →
 * resume automation (resumeOrderAutomation).
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
  await resumeOrderAutomation(deps, store, ctx.event.id);
  await settleOutcome(deps, ctx.event, EventOutcomes.applied, null);
  return { outcome: 'applied', state: store.state };
}
