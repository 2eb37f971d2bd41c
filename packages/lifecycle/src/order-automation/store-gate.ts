import type { Store } from '@dropship/core';
import { StoreStates } from '@dropship/core';

/** The reason every order job of a closed store finishes with. */
export const STORE_DISCONNECTED = 'store disconnected';

/**
 * The per-store gate of order automation. A disconnect closes it first
 * (`automationEnabled = false`), so every job of the store still in the queues
 * (waiting, delayed, retrying, re-run) turns into a no-op without a scan.
 */
export function isAutomationOpen(store: Pick<Store, 'state' | 'automationEnabled'> | null): boolean {
  return store !== null && store.state === StoreStates.connected && store.automationEnabled;
}
