import type { EnqueueDeps } from './ingest-event';
import { enqueueEvent } from './ingest-event';

export interface RecoverEventsOptions {
  /** Leave events younger than this alone: their request may still be queueing them. */
  minAgeMs: number;
  /** Events examined per call. */
  batchSize: number;
}

export interface RecoverEventsResult {
  requeued: number;
  failed: number;
}

/**
 * Queues the job of every pending event that was recorded but never queued:
 * the process died between the two, or Redis refused the job and the sender
 * gave up retrying. Run on every start and periodically; the job id is derived
 * from the event id, so racing another process re-queues nothing twice.
 */
export async function recoverUnqueuedEvents(
  deps: EnqueueDeps,
  options: RecoverEventsOptions,
): Promise<RecoverEventsResult> {
  const cutoff = deps.clock.now().getTime() - options.minAgeMs;
  const events = await deps.repos.lifecycleEvents.listUnenqueued(options.batchSize);
  let requeued = 0;
  let failed = 0;
  for (const event of events) {
    if (event.receivedAt.getTime() > cutoff) continue;
    try {
      await enqueueEvent(deps, event);
      requeued += 1;
    } catch {
      failed += 1;
    }
  }
  return { requeued, failed };
}
