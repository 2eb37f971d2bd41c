import type { Clock, LifecycleEvent, LifecycleSource, Repositories } from '@dropship/core';
import type { JobName, Queues } from '@dropship/queues';
import type { EnqueuedMarker } from './enqueued-marker';

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
  | { status: 'accepted'; event: LifecycleEvent }
  | { status: 'duplicate'; event: LifecycleEvent }
  | { status: 'recorded'; event: LifecycleEvent };

export interface IngestDeps {
  repos: Pick<Repositories, 'lifecycleEvents'>;
  queues: Pick<Queues, 'enqueue'>;
  clock: Clock;
  /** Batches the "queued" marks off the request path; without it each is written at once. */
  enqueuedMarker?: EnqueuedMarker;
}

/**
 * Records a lifecycle event once (unique on channel + delivery id) and queues
 * its job. The caller answers 2xx only after this resolves: if the database or
 * Redis cannot take the event it throws UNAVAILABLE, the caller answers 5xx
 * and the sender retries. A retry of an event recorded but never queued (Redis
 * was down, or the process died in between) queues it then.
 */
export async function ingestEvent(deps: IngestDeps, params: IngestEventParams): Promise<IngestEventResult> {
  const recorded = await deps.repos.lifecycleEvents.record({
    channel: params.channel,
    deliveryId: params.deliveryId,
    storeId: params.storeId,
    source: params.source,
    topic: params.topic,
    triggeredAt: params.triggeredAt,
    receivedAt: deps.clock.now(),
    payload: params.payload,
    outcome: params.recordOnly?.outcome ?? 'pending',
    outcomeReason: params.recordOnly?.reason ?? null,
    correlationId: params.correlationId,
  });
  if (!recorded.inserted) {
    const existing = recorded.existing;
    if (needsQueueing(existing)) await enqueueEvent(deps, existing);
    return { status: 'duplicate', event: existing };
  }
  if (params.recordOnly !== undefined) return { status: 'recorded', event: recorded.event };
  await enqueueEvent(deps, recorded.event);
  return { status: 'accepted', event: recorded.event };
}

function needsQueueing(event: LifecycleEvent): boolean {
  return event.outcome === 'pending' && event.enqueuedAt === null && event.storeId !== null;
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

/** Adds the event's job (id derived from the event id: a second add is ignored) and marks it queued. */
export async function enqueueEvent(deps: IngestDeps, event: LifecycleEvent): Promise<void> {
  if (event.storeId === null) return;
  await deps.queues.enqueue(lifecycleJobFor(event.source as LifecycleSource), {
    eventId: event.id,
    storeId: event.storeId,
    source: event.source as LifecycleSource,
    occurredAt: (event.triggeredAt ?? event.receivedAt).toISOString(),
    correlationId: event.correlationId,
  });
  if (deps.enqueuedMarker) deps.enqueuedMarker.mark(event.id);
  else await deps.repos.lifecycleEvents.markEnqueued(event.id, deps.clock.now());
}
