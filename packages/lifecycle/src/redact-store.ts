import { ErrorKinds, Platforms, StoreStates, StoreTransitions, applyStoreTransition } from '@dropship/core';
import type { LifecyclePayload } from '@dropship/queues';
import { LifecycleError } from './errors';
import { EventOutcomes, loadLifecycleContext, settleOutcome } from './lifecycle-context';
import type { LifecycleContext, LifecycleDeps } from './lifecycle-context';

export type RedactStoreResult =
  { outcome: 'applied'; erasedOrders: number } | { outcome: 'ignored_stale'; reason: string };

/** Step 2: erase personal data: contact, secrets, Shopify sessions, order payloads (customers' data). */
async function erasePersonalData(deps: LifecycleDeps, ctx: LifecycleContext): Promise<number> {
  const { store } = ctx;
  await deps.repos.stores.setCredentials(store.id, {
    contactEmail: null,
    siteSecret: null,
    wcConsumerKey: null,
    wcConsumerSecret: null,
  });
  if (store.platform === Platforms.shopify) await deps.repos.shopifySessions.deleteByShop(store.domain);
  return deps.repos.orders.redactByStore(store.id);
}

/**
 * The `store redacted` job (`shop/redact`, account deletion): check state →
 * erase personal data → mark `redacted`. Personal data is erased only after the
 * store left: a store still being disconnected makes the job retry later, and a
 * redact for a store reinstalled meanwhile is recorded and ignored. The
 * product ledger, events and billing records stay (business records).
 */
export async function redactStore(
  deps: LifecycleDeps,
  payload: LifecyclePayload,
): Promise<RedactStoreResult> {
  const ctx = await loadLifecycleContext(deps, payload);
  const { store } = ctx;
  if (store.state === StoreStates.connected) {
    const reason = 'the store was reinstalled; its data belongs to the live store now';
    await settleOutcome(deps, ctx.event, EventOutcomes.ignoredStale, reason);
    return { outcome: 'ignored_stale', reason };
  }
  if (store.state === StoreStates.disconnecting) {
    throw new LifecycleError(
      ErrorKinds.conflict,
      `Store ${store.id} is still being disconnected; the redaction runs once that finishes (the job retries).`,
    );
  }
  const erasedOrders = await erasePersonalData(deps, ctx);
  if (store.state === StoreStates.disconnected) {
    const next = applyStoreTransition(store, StoreTransitions.redact, { at: ctx.at, source: ctx.source });
    await deps.repos.stores.updateIf(store.id, StoreStates.disconnected, {
      state: next.state,
      automationEnabled: next.automationEnabled,
    });
  }
  await settleOutcome(deps, ctx.event, EventOutcomes.applied, null);
  return { outcome: 'applied', erasedOrders };
}
