import type { Clock, PendingEventCursor, Repositories } from '@dropship/core';
import type { Queues } from '@dropship/queues';
import { jobOf } from './ingest-event';

export interface PendingEventSweepDeps {
  repos: Pick<Repositories, 'lifecycleEvents'>;
  queues: Pick<Queues, 'enqueueMissing'>;
  clock: Clock;
}

export interface PendingEventSweepOptions {
  /** Leave events younger than this alone: their request may still be queueing them. */
  minAgeMs: number;
  /** Events read and checked per round trip. */
  pageSize: number;
  /** Most events examined per run; the next run goes on from there. */
  maxPerRun: number;
}

export interface PendingEventSweepResult {
  /** Pending events whose job was looked for in Redis. */
  examined: number;
  /** Those whose job was missing, and is queued again. */
  requeued: number;
}

export interface PendingEventSweep {
  run(): Promise<PendingEventSweepResult>;
}

/**
 * Queues again the job of every event still pending after `minAgeMs` whose
 * job Redis does not hold: the process died between recording the event and
 * queueing it, Redis refused the job and the sender gave up retrying, or Redis
 * lost it (restarted without persistence). An event stays pending until its
 * job settles its outcome, so nothing needs marking on the request path.
 *
 * Each run goes on in (receivedAt, id) order from where the last one stopped
 * and starts over at the end: when the worker is far behind, the thousands of
 * pending events whose jobs are waiting do not hide a missing one for more
 * than a few runs. The job id is derived from the event id, so a job added
 * while another process sweeps, or that ran meanwhile, is not added twice.
 * The cursor lives in the process: a new process starts from the oldest.
 */
export function createPendingEventSweep(
  deps: PendingEventSweepDeps,
  options: PendingEventSweepOptions,
): PendingEventSweep {
  let cursor: PendingEventCursor | undefined;
  return {
    async run() {
      const receivedBefore = new Date(deps.clock.now().getTime() - options.minAgeMs);
      let examined = 0;
      let requeued = 0;
      while (examined < options.maxPerRun) {
        const limit = Math.min(options.pageSize, options.maxPerRun - examined);
        const page = await deps.repos.lifecycleEvents.listPending({ receivedBefore, after: cursor, limit });
        if (page.length > 0) {
          requeued += (await deps.queues.enqueueMissing(page.map(jobOf))).length;
          examined += page.length;
          const last = page[page.length - 1]!;
          cursor = { receivedAt: last.receivedAt, id: last.id };
        }
        if (page.length < limit) {
          cursor = undefined;
          break;
        }
      }
      return { examined, requeued };
    },
  };
}
