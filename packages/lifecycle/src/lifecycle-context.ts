import { ErrorKinds } from '@dropship/core';
import type { Clock, LifecycleEvent, LifecycleSource, Repositories, Store } from '@dropship/core';
import { PermanentJobError } from '@dropship/queues';
import type { LifecyclePayload, Queues } from '@dropship/queues';

/** What every lifecycle use-case works with. */
export interface LifecycleDeps {
  repos: Repositories;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'scheduleOrderSync' | 'unscheduleOrderSync'>;
  clock: Clock;
  /** Interval of each connected store's order-sync scheduler (default 5 min). */
  orderSyncEveryMs?: number;
}

export const DEFAULT_ORDER_SYNC_EVERY_MS = 5 * 60_000;

/** The order-sync schedule of a connected store. */
export function orderSyncSchedule(deps: Pick<LifecycleDeps, 'orderSyncEveryMs'>): { everyMs: number } {
  return { everyMs: deps.orderSyncEveryMs ?? DEFAULT_ORDER_SYNC_EVERY_MS };
}

/** Event outcomes a lifecycle job ends with. */
export const EventOutcomes = {
  pending: 'pending',
  applied: 'applied',
  ignoredStale: 'ignored_stale',
  /** A departure for a store an earlier one already took out (deactivated, then deleted): nothing more to do. */
  alreadyDisconnected: 'already_disconnected',
  /** The job failed for good (BullMQ will not retry it): the reason says why. */
  failed: 'failed',
} as const;

export interface LifecycleContext {
  event: LifecycleEvent;
  store: Store;
  source: LifecycleSource;
  /** When the change happened according to the sender. */
  at: Date;
}

/** Loads the job's event and store; both must exist (the event was recorded before the job was queued). */
export async function loadLifecycleContext(
  deps: Pick<LifecycleDeps, 'repos'>,
  payload: LifecyclePayload,
): Promise<LifecycleContext> {
  const event = await deps.repos.lifecycleEvents.findById(payload.eventId);
  if (!event) {
    throw new PermanentJobError(
      `Lifecycle event ${payload.eventId} is not recorded: jobs are queued only for recorded events, so this job was added by hand. Record the event first.`,
      ErrorKinds.notFound,
    );
  }
  const store = await deps.repos.stores.findById(payload.storeId);
  if (!store) {
    await deps.repos.lifecycleEvents.setOutcome(event.id, 'rejected', 'unknown_store');
    throw new PermanentJobError(
      `Store ${payload.storeId} of event ${event.id} does not exist: nothing to change.`,
      ErrorKinds.notFound,
    );
  }
  return { event, store, source: payload.source, at: new Date(payload.occurredAt) };
}

/** Reloads the store after a write; it cannot vanish in between (stores are never deleted by a job). */
export async function reloadStore(deps: Pick<LifecycleDeps, 'repos'>, storeId: string): Promise<Store> {
  const store = await deps.repos.stores.findById(storeId);
  if (!store) {
    throw new PermanentJobError(
      `Store ${storeId} was deleted while a lifecycle job ran.`,
      ErrorKinds.notFound,
    );
  }
  return store;
}

/** Sets the event's outcome unless it already has that one (a re-run writes nothing). */
export async function settleOutcome(
  deps: Pick<LifecycleDeps, 'repos'>,
  event: LifecycleEvent,
  outcome: string,
  reason: string | null,
): Promise<void> {
  if (event.outcome === outcome && event.outcomeReason === reason) return;
  await deps.repos.lifecycleEvents.setOutcome(event.id, outcome, reason);
}
