import {
  Platforms,
  StoreStates,
  StoreTransitions,
  applyStoreTransition,
  applySubscriptionTransition,
  canApplyStoreTransition,
  isStaleDisconnect,
  subscriptionEffectOfStoreDisconnect,
} from '@dropship/core';
import type { DisconnectReport, Store, Subscription } from '@dropship/core';
import { ErrorKinds } from '@dropship/core';
import { JobNames, NotificationKinds } from '@dropship/queues';
import type { LifecyclePayload } from '@dropship/queues';
import { LifecycleError } from './errors';
import {
  EventOutcomes,
  loadLifecycleContext,
  orderSyncSchedule,
  reloadStore,
  settleOutcome,
} from './lifecycle-context';
import type { LifecycleContext, LifecycleDeps } from './lifecycle-context';
import { isAutomationOpen } from './order-automation/store-gate';
import { billingLineOf } from './reports/billing-line';
import { snapshotPendingOrders } from './reports/pending-orders';

/** The steps of a disconnect, in order; each checks what it would produce before acting. */
export const DisconnectSteps = {
  markState: 'mark-state',
  stopAutomation: 'stop-automation',
  buildReport: 'build-report',
  complete: 'complete',
  notify: 'notify',
} as const;
export type DisconnectStep = (typeof DisconnectSteps)[keyof typeof DisconnectSteps];

export interface DisconnectStoreOptions {
  /** Pending orders listed in the report at most (all are counted). Default 5000. */
  pendingOrdersLimit?: number;
}

export type DisconnectStoreResult =
  | { outcome: 'applied'; reportId: string; productsCount: number; pendingOrdersCount: number }
  | { outcome: 'ignored_stale'; reason: string }
  | { outcome: 'already_disconnected'; reason: string };

/** True when this event is the one that moved the store out of `connected`. */
function ownsDisconnect(store: Store, ctx: LifecycleContext): boolean {
  return (
    store.state !== StoreStates.connected &&
    store.disconnectSource === ctx.source &&
    store.disconnectedAt?.getTime() === ctx.at.getTime()
  );
}

/** Step 1: close the store's gate and move it to `disconnecting` (the gate closes in the same write). */
async function markState(deps: LifecycleDeps, ctx: LifecycleContext): Promise<Store> {
  if (ctx.store.state !== StoreStates.connected) return ctx.store;
  const next = applyStoreTransition(ctx.store, StoreTransitions.beginDisconnect, {
    at: ctx.at,
    source: ctx.source,
  });
  await deps.repos.stores.updateIf(ctx.store.id, StoreStates.connected, {
    state: next.state,
    automationEnabled: next.automationEnabled,
    disconnectedAt: next.disconnectedAt,
    disconnectSource: next.disconnectSource,
  });
  const store = await reloadStore(deps, ctx.store.id);
  if (store.state === StoreStates.connected) {
    throw new LifecycleError(
      ErrorKinds.conflict,
      `Store ${store.id} changed while being disconnected; the job will run again.`,
    );
  }
  return store;
}

/**
 * Step 1 (billing and sessions): what leaving does to the subscription;
 * Shopify sessions are dead tokens. Returns the store's subscription as it
 * now stands, for the report's billing line.
 */
async function applyLeavingEffects(
  deps: LifecycleDeps,
  ctx: LifecycleContext,
  store: Store,
): Promise<Subscription | null> {
  let subscription = await deps.repos.subscriptions.findLatestByStore(store.id);
  if (subscription) {
    const effect = subscriptionEffectOfStoreDisconnect(subscription, ctx.source);
    if (effect.effect === 'cancel') {
      const next = applySubscriptionTransition(subscription, effect.transition, {
        at: ctx.at,
        source: ctx.source,
      });
      const applied = await deps.repos.subscriptions.updateIf(subscription.id, subscription.status, {
        status: next.status,
        cancelAtPeriodEnd: next.cancelAtPeriodEnd,
        cancelledAt: next.cancelledAt,
        cancelSource: next.cancelSource,
        cancelReason: next.cancelReason,
        cancelReasonText: next.cancelReasonText,
        cancelledBy: next.cancelledBy,
        billingEndsAt: next.billingEndsAt,
      });
      // Changed meanwhile by someone else: the report shows what is stored.
      subscription = applied
        ? { ...subscription, ...next }
        : await deps.repos.subscriptions.findLatestByStore(store.id);
    }
  }
  if (store.platform === Platforms.shopify) await deps.repos.shopifySessions.deleteByShop(store.domain);
  return subscription;
}

/**
 * Step 2: remove the store's order-sync scheduler (one key, predictable id).
 * Jobs already queued need nothing: the closed gate turns each into a no-op.
 * A reconnect that raced this step gets its schedule back.
 */
async function stopAutomation(deps: LifecycleDeps, storeId: string): Promise<Store> {
  await deps.queues.unscheduleOrderSync(storeId);
  const store = await reloadStore(deps, storeId);
  if (isAutomationOpen(store)) await deps.queues.scheduleOrderSync(storeId, orderSyncSchedule(deps));
  return store;
}

/**
 * Step 3: freeze what the disconnect left behind (one report per event). A
 * re-run counts again and keeps the first report: rarer than first runs, so
 * cheaper than reading the report first every time.
 */
async function buildReport(
  deps: LifecycleDeps,
  ctx: LifecycleContext,
  subscription: Subscription | null,
  options: DisconnectStoreOptions,
): Promise<DisconnectReport> {
  const storeId = ctx.store.id;
  const [productsCount, pending] = await Promise.all([
    deps.repos.publishedProducts.countByStore(storeId),
    snapshotPendingOrders(deps.repos, storeId, options.pendingOrdersLimit ?? 5000),
  ]);
  const saved = await deps.repos.disconnectReports.saveOnce({
    storeId,
    eventId: ctx.event.id,
    source: ctx.source,
    productsCount,
    pendingOrders: pending.orders,
    pendingOrdersCount: pending.total,
    billing: billingLineOf(subscription),
    generatedAt: deps.clock.now(),
  });
  return saved.inserted ? saved.report : saved.existing;
}

/**
 * Step 4: `disconnecting` → `disconnected`, unless a reconnect came first.
 * `store` is as step 2 read it; the update applies only if it is still
 * `disconnecting`, so a reconnect since then wins.
 */
async function complete(deps: LifecycleDeps, ctx: LifecycleContext, store: Store): Promise<void> {
  if (
    store.state === StoreStates.disconnecting &&
    canApplyStoreTransition(store, StoreTransitions.completeDisconnect)
  ) {
    const next = applyStoreTransition(store, StoreTransitions.completeDisconnect, {
      at: ctx.at,
      source: ctx.source,
    });
    await deps.repos.stores.updateIf(store.id, StoreStates.disconnecting, {
      state: next.state,
      automationEnabled: next.automationEnabled,
    });
  }
  await settleOutcome(deps, ctx.event, EventOutcomes.applied, null);
}

/**
 * Step 5: the merchant's message and the team's alert, in one job (its id
 * derived from the event): a queue job costs Redis and the worker more than
 * rendering a message does, and each message is still written once.
 */
async function notify(deps: LifecycleDeps, ctx: LifecycleContext): Promise<void> {
  await deps.queues.enqueue(JobNames.sendNotification, {
    kinds: [NotificationKinds.productsLeft, NotificationKinds.teamDisconnectAlert],
    storeId: ctx.store.id,
    accountId: ctx.store.accountId,
    reference: ctx.event.id,
  });
}

/**
 * The `store disconnected` job (Shopify uninstall, plugin deactivation or
 * deletion, lost heartbeat, dashboard): mark state → stop automation → build
 * report → complete → notify. Every step is idempotent, so a re-run from any
 * point after a crash reaches the same end state. An uninstall older than the
 * latest install is recorded and ignored; an event for a store that an earlier
 * event already disconnected only makes sure automation is stopped.
 */
export async function disconnectStore(
  deps: LifecycleDeps,
  payload: LifecyclePayload,
  options: DisconnectStoreOptions = {},
): Promise<DisconnectStoreResult> {
  const ctx = await loadLifecycleContext(deps, payload);
  if (isStaleDisconnect(ctx.store, ctx.at)) {
    const reason = `disconnect at ${ctx.at.toISOString()} predates the latest install at ${ctx.store.installedAt?.toISOString()}`;
    await settleOutcome(deps, ctx.event, EventOutcomes.ignoredStale, reason);
    return { outcome: 'ignored_stale', reason };
  }
  const store = await markState(deps, ctx);
  if (!ownsDisconnect(store, ctx)) {
    await deps.repos.stores.setAutomation(store.id, false);
    await deps.queues.unscheduleOrderSync(store.id);
    const reason = `store was already ${store.state} by an earlier event`;
    await settleOutcome(deps, ctx.event, EventOutcomes.alreadyDisconnected, reason);
    return { outcome: EventOutcomes.alreadyDisconnected, reason };
  }
  const subscription = await applyLeavingEffects(deps, ctx, store);
  const stopped = await stopAutomation(deps, store.id);
  const report = await buildReport(deps, ctx, subscription, options);
  await complete(deps, ctx, stopped);
  await notify(deps, ctx);
  return {
    outcome: 'applied',
    reportId: report.id,
    productsCount: report.productsCount,
    pendingOrdersCount: report.pendingOrdersCount,
  };
}
