import type { LifecycleSource, Store, StoreState } from './model';
import { StoreStates } from './model';
import type { TransitionTable } from './transition-table';
import { lookupTransition, tableRefusal } from './transition-table';

/**
 * The named moves of a store's connection lifecycle.
 *
 * - `beginDisconnect`: an uninstall / plugin removal / lost heartbeat was accepted;
 *   order automation stops at once, the clean-up work is queued.
 * - `completeDisconnect`: the clean-up (automation stopped, products-left list built) is done.
 * - `reconnect`: reinstall or plugin reactivation; the latest install wins.
 * - `redact`: personal data erased (`shop/redact`, account deletion).
 */
export const StoreTransitions = {
  beginDisconnect: 'beginDisconnect',
  completeDisconnect: 'completeDisconnect',
  reconnect: 'reconnect',
  redact: 'redact',
} as const;
export type StoreTransition = (typeof StoreTransitions)[keyof typeof StoreTransitions];

/**
 * (state, transition) → next state. Decisions encoded here:
 * - `reconnect` is legal from `disconnecting`: a quick reinstall must not wait for the clean-up
 *   job; that job then finds the store connected and skips `completeDisconnect`.
 * - `reconnect` is legal from `redacted`: Shopify sends `shop/redact` 48 h after an uninstall,
 *   and a merchant may come back later. The store's identity (platform + domain) is a business
 *   key, not personal data, so the same record becomes connected again and keeps its history
 *   (events, product ledger, billing records); the new install brings fresh credentials.
 * - `redact` is legal only from `disconnected`: personal data is erased after the store left,
 *   never under a live or half-disconnected store. A late `shop/redact` for a store that was
 *   reinstalled in the meantime is refused (the caller records it as stale).
 * - Nothing repeats itself: a second uninstall of a disconnected store is illegal here and a
 *   duplicate for the caller, who branches with `canApplyStoreTransition`.
 */
export const StoreTransitionTable: TransitionTable<StoreState, StoreTransition> = {
  [StoreStates.connected]: { beginDisconnect: StoreStates.disconnecting },
  [StoreStates.disconnecting]: {
    completeDisconnect: StoreStates.disconnected,
    reconnect: StoreStates.connected,
  },
  [StoreStates.disconnected]: { reconnect: StoreStates.connected, redact: StoreStates.redacted },
  [StoreStates.redacted]: { reconnect: StoreStates.connected },
};

const stateNotes: Record<StoreState, string> = {
  connected: 'is live and automating orders (disconnect it first)',
  disconnecting: 'is already being disconnected (wait for the clean-up, or reconnect it)',
  disconnected: 'has already left (only a reinstall or a redaction changes it)',
  redacted: 'has its personal data erased (only a reinstall brings it back)',
};

export interface StoreTransitionContext {
  /** When the change takes effect (the event's trigger time, or now). */
  at: Date;
  source: LifecycleSource;
}

/** True when `transition` is legal from the store's current state. */
export function canApplyStoreTransition(store: Pick<Store, 'state'>, transition: StoreTransition): boolean {
  return lookupTransition(StoreTransitionTable, store.state, transition) !== undefined;
}

/**
 * The store after `transition`, as a new value. Throws `IllegalTransitionError`
 * when the table does not allow it from the store's state.
 */
export function applyStoreTransition(
  store: Store,
  transition: StoreTransition,
  context: StoreTransitionContext,
): Store {
  const next = lookupTransition(StoreTransitionTable, store.state, transition);
  if (next === undefined) {
    throw tableRefusal({
      machine: 'store',
      table: StoreTransitionTable,
      from: store.state,
      transition,
      stateNote: stateNotes[store.state],
      entityId: store.id,
    });
  }
  const moved: Store = { ...store, state: next, updatedAt: context.at };
  switch (transition) {
    case StoreTransitions.beginDisconnect:
      return {
        ...moved,
        automationEnabled: false,
        disconnectedAt: context.at,
        disconnectSource: context.source,
      };
    case StoreTransitions.reconnect:
      return {
        ...moved,
        automationEnabled: true,
        installedAt: context.at,
        disconnectedAt: null,
        disconnectSource: null,
      };
    case StoreTransitions.completeDisconnect:
    case StoreTransitions.redact:
      return { ...moved, automationEnabled: false };
  }
}

/**
 * True when a disconnect triggered at `triggeredAt` predates the store's latest
 * install: Shopify may deliver an old `app/uninstalled` after a quick reinstall,
 * and applying it would disconnect a live store.
 */
export function isStaleDisconnect(store: Pick<Store, 'installedAt'>, triggeredAt: Date): boolean {
  return store.installedAt !== null && triggeredAt.getTime() < store.installedAt.getTime();
}
