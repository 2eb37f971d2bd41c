import { createBatcher } from '@dropship/core';
import type {
  BatcherOptions,
  Clock,
  LifecycleEvent,
  LifecycleSource,
  PendingLifecycleEvent,
  Repositories,
} from '@dropship/core';
import { JobNames } from '@dropship/queues';
import type { JobName, JobToEnqueue, Queues } from '@dropship/queues';

/** The lifecycle jobs an event can start. */
export type LifecycleJobName = Extract<
  JobName,
  'store-disconnected' | 'store-reconnected' | 'store-redacted'
>;

export interface IngestEventParams {
  /** Sender channel: `shopify`, `wp_bridge`, `woocommerce`, `dashboard`, `system`. */
  channel: string;
  /** The sender's delivery id, the idempotency key (e.g. X-Shopify-Webhook-Id). */
  deliveryId: string;
  storeId: string | null;
  source: LifecycleSource;
  topic: string;
  triggeredAt: Date | null;
  payload: unknown;
  correlationId: string | null;
  /**
   * Set to record the event without starting its job, saying why
   * (`unknown_store`, `ignored_stale`, …). Otherwise the source's job runs.
   */
  recordOnly?: { outcome: string; reason: string };
}

export type IngestEventResult =
  | {
      status: 'accepted';
      event: LifecycleEvent;
      /** True when recording the event took its store out of `connected`: it is now `disconnecting`. */
      storeLeft: boolean;
    }
  | { status: 'duplicate'; event: LifecycleEvent }
  | { status: 'recorded'; event: LifecycleEvent };

/** What queueing an event's job needs. */
export interface EnqueueDeps {
  queues: Pick<Queues, 'enqueueMany'>;
}

export interface IngestDeps extends EnqueueDeps {
  repos: Pick<Repositories, 'lifecycleEvents'>;
  queues: Pick<Queues, 'enqueueMany' | 'unscheduleOrderSync'>;
  clock: Clock;
}

/**
 * Records a lifecycle event once (unique on channel + delivery id) and queues
 * its job. The caller answers 2xx only after this resolves: if the database or
 * Redis cannot take the event it throws UNAVAILABLE, the caller answers 5xx
 * and the sender retries. A retry of an event still pending queues its job
 * again (a no-op while the job is in Redis), so an event recorded while Redis
 * was down is queued then; the recovery sweep (recover-events.ts) queues the
 * ones no sender retries.
 */
export async function ingestEvent(deps: IngestDeps, params: IngestEventParams): Promise<IngestEventResult> {
  const [result] = await ingestEvents(deps, [params]);
  if (!result) throw new Error('Ingesting one lifecycle event produced no result.');
  return result;
}

/** True when accepting this event takes its store out of `connected` (the disconnect job's sources). */
function beginsDisconnect(params: IngestEventParams): params is IngestEventParams & { storeId: string } {
  return (
    params.storeId !== null &&
    params.recordOnly === undefined &&
    lifecycleJobFor(params.source) === JobNames.storeDisconnected
  );
}

/**
 * `ingestEvent` for many events at once, one result per event in order: one
 * transaction records them all and, for each new disconnect (uninstall, plugin
 * removal, lost heartbeat, dashboard), takes its store out of `connected` with
 * its automation gate closed; then one `addBulk` queues their jobs while the
 * moved stores' order-sync schedulers are removed. So order automation has
 * stopped when the sender gets its 2xx; the job does the rest (billing,
 * report, `disconnected`, notices) and checks the schedule again in case a
 * reconnect raced. An event older than the store's latest install is recorded
 * but moves nothing (the job ignores it as stale).
 */
export async function ingestEvents(
  deps: IngestDeps,
  list: readonly IngestEventParams[],
): Promise<IngestEventResult[]> {
  const receivedAt = deps.clock.now();
  const recorded = await deps.repos.lifecycleEvents.recordAndBeginDisconnects(
    list.map((params) => ({
      channel: params.channel,
      deliveryId: params.deliveryId,
      storeId: params.storeId,
      source: params.source,
      topic: params.topic,
      triggeredAt: params.triggeredAt,
      receivedAt,
      payload: params.payload,
      outcome: params.recordOnly?.outcome ?? 'pending',
      outcomeReason: params.recordOnly?.reason ?? null,
      correlationId: params.correlationId,
      disconnect: beginsDisconnect(params)
        ? { at: params.triggeredAt ?? receivedAt, source: params.source }
        : undefined,
    })),
  );
  const moved = new Set(recorded.moved);
  const results = recorded.results.map((result, index): IngestEventResult => {
    if (!result.inserted) return { status: 'duplicate', event: result.existing };
    const params = list[index];
    if (params?.recordOnly !== undefined) return { status: 'recorded', event: result.event };
    const storeLeft = params !== undefined && beginsDisconnect(params) && moved.has(params.storeId);
    return { status: 'accepted', event: result.event, storeLeft };
  });
  const toQueue = new Map<string, LifecycleEvent>();
  for (const result of results) {
    if (result.status === 'accepted' || (result.status === 'duplicate' && needsQueueing(result.event))) {
      toQueue.set(result.event.id, result.event);
    }
  }
  await Promise.all([
    enqueueEvents(deps, [...toQueue.values()]),
    ...recorded.moved.map((storeId) => deps.queues.unscheduleOrderSync(storeId)),
  ]);
  return results;
}

/** Ingests events in batches (createBatcher): concurrent requests share one transaction and one addBulk. */
export interface EventIngestor {
  ingest(params: IngestEventParams): Promise<IngestEventResult>;
}

export function createEventIngestor(deps: IngestDeps, options: BatcherOptions = {}): EventIngestor {
  const batcher = createBatcher((list: IngestEventParams[]) => ingestEvents(deps, list), options);
  return { ingest: (params) => batcher.run(params) };
}

/** A repeat of an event whose job has not run yet: its job is added again, which Redis ignores if it is there. */
function needsQueueing(event: LifecycleEvent): boolean {
  return event.outcome === 'pending' && event.storeId !== null;
}

const jobsBySource: Record<LifecycleSource, LifecycleJobName> = {
  shopify_install: 'store-reconnected',
  wp_activated: 'store-reconnected',
  wp_connected: 'store-reconnected',
  shopify_uninstall: 'store-disconnected',
  wp_deactivated: 'store-disconnected',
  wp_deleted: 'store-disconnected',
  heartbeat_lost: 'store-disconnected',
  dashboard: 'store-disconnected',
  shopify_redact: 'store-redacted',
  account_deletion: 'store-redacted',
};

/** The lifecycle job each source starts: one table, so recovery re-queues exactly what ingest queued. */
export function lifecycleJobFor(source: LifecycleSource): LifecycleJobName {
  return jobsBySource[source];
}

/** An event's job; its id is derived from the event's, so adding it twice adds it once. */
export function jobOf(event: PendingLifecycleEvent): JobToEnqueue {
  return {
    name: lifecycleJobFor(event.source as LifecycleSource),
    payload: {
      eventId: event.id,
      storeId: event.storeId,
      source: event.source as LifecycleSource,
      occurredAt: (event.triggeredAt ?? event.receivedAt).toISOString(),
      correlationId: event.correlationId,
    },
  };
}

/** Adds the events' jobs (ids derived from the event ids: a second add is ignored). */
export async function enqueueEvents(deps: EnqueueDeps, events: readonly LifecycleEvent[]): Promise<void> {
  const withStore = events.filter(
    (event): event is LifecycleEvent & { storeId: string } => event.storeId !== null,
  );
  if (withStore.length === 0) return;
  await deps.queues.enqueueMany(withStore.map(jobOf));
}
