import { UnrecoverableError } from 'bullmq';
import { disconnectStore, EventOutcomes, reconnectStore, redactStore } from '@dropship/lifecycle';
import { JobNames, toWorkerError } from '@dropship/queues';
import type { JobProcessor, ProcessorContext } from '@dropship/queues';
import type { ProcessorDeps } from './deps';

type LifecycleJobName =
  typeof JobNames.storeDisconnected | typeof JobNames.storeReconnected | typeof JobNames.storeRedacted;

type LifecycleProcessors = { [N in LifecycleJobName]: JobProcessor<N> };

/**
 * A lifecycle job that fails for good leaves its event `failed` (with the
 * reason) instead of `pending`: the team sees it in the lifecycle view, and
 * the recovery sweep, which re-queues pending events whose job Redis no longer
 * holds, does not start it again once BullMQ has pruned the failed job. A
 * retry from the queues view runs it, and its outcome replaces `failed`.
 */
function settlingFailure<N extends LifecycleJobName>(
  deps: ProcessorDeps,
  run: JobProcessor<N>,
): JobProcessor<N> {
  return async (payload, ctx: ProcessorContext) => {
    try {
      return await run(payload, ctx);
    } catch (error) {
      // A job cut short by a shutdown runs again elsewhere: only a failure BullMQ will not retry settles the event.
      const final =
        !ctx.signal.aborted &&
        (toWorkerError(error) instanceof UnrecoverableError ||
          ctx.job.attemptsMade + 1 >= (ctx.job.opts.attempts ?? 1));
      if (final) await markFailed(deps, payload.eventId, error, ctx);
      throw error;
    }
  };
}

async function markFailed(deps: ProcessorDeps, eventId: string, error: unknown, ctx: ProcessorContext) {
  try {
    const event = await deps.repos.lifecycleEvents.findById(eventId);
    if (event?.outcome !== EventOutcomes.pending) return;
    const reason = error instanceof Error ? error.message : String(error);
    await deps.repos.lifecycleEvents.setOutcome(eventId, EventOutcomes.failed, reason.slice(0, 1000));
  } catch (err) {
    ctx.log.warn({ err, eventId }, 'the failed outcome was not recorded; the event stays pending');
  }
}

/** The three lifecycle jobs; each runs its use-case's idempotent steps. */
export function createLifecycleProcessors(deps: ProcessorDeps): LifecycleProcessors {
  return {
    [JobNames.storeDisconnected]: settlingFailure(deps, (payload) => disconnectStore(deps, payload)),
    [JobNames.storeReconnected]: settlingFailure(deps, (payload) => reconnectStore(deps, payload)),
    [JobNames.storeRedacted]: settlingFailure(deps, (payload) => redactStore(deps, payload)),
  };
}
