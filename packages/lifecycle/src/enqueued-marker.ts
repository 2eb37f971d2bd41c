import type { Clock, LifecycleEventRepository } from '@dropship/core';

/** Records that events' jobs reached the queue. */
export interface EnqueuedMarker {
  mark(eventId: string): void;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

export interface BatchedEnqueuedMarkerOptions {
  lifecycleEvents: Pick<LifecycleEventRepository, 'markManyEnqueued'>;
  clock: Clock;
  /** How long marks wait to be written together. Default 50 ms. */
  intervalMs?: number;
  onError?(error: unknown): void;
}

/**
 * Writes "job queued" marks in batches, off the request path. The mark is only
 * a hint for the recovery sweep: a mark lost with a crashed process leaves the
 * event looking unqueued, and the sweep adds its job again under the same job
 * id, which BullMQ ignores (or, if it already ran, re-runs idempotent steps).
 * So a webhook pays for one write (the event) instead of two.
 */
export function createBatchedEnqueuedMarker(options: BatchedEnqueuedMarkerOptions): EnqueuedMarker {
  let pending: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (pending.length === 0) return writing;
    const batch = pending;
    pending = [];
    writing = writing
      .then(() => options.lifecycleEvents.markManyEnqueued(batch, options.clock.now()))
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      );
    return writing;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 50);
  timer.unref();
  return {
    mark(eventId) {
      pending.push(eventId);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
