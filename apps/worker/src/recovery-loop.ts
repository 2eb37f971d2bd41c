import type { Logger } from 'pino';
import { createPendingEventSweep } from '@dropship/lifecycle';
import type { PendingEventSweepDeps, PendingEventSweepOptions } from '@dropship/lifecycle';

/** One periodic chore of the worker; must be idempotent (every worker process runs it). */
export interface PeriodicTask {
  name: string;
  run(): Promise<unknown>;
}

export interface RecoveryLoopOptions {
  tasks: readonly PeriodicTask[];
  log: Logger;
  /** Default 30 s. */
  intervalMs?: number;
}

export interface RecoveryLoop {
  /** Runs every task once now (the loop also does it at start). */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** The periodic sweep's settings: at most 40 pages of 500 a run; a longer backlog is covered over several runs. */
export const EVENT_SWEEP_DEFAULTS: PendingEventSweepOptions = {
  minAgeMs: 10_000,
  pageSize: 500,
  maxPerRun: 20_000,
};

/**
 * Queues again the jobs of pending events that Redis does not hold (a crash
 * between recording and queueing, a Redis that lost its data); see
 * createPendingEventSweep. Each task keeps its own place in the sweep.
 */
export function eventRecoveryTask(
  deps: PendingEventSweepDeps,
  options: PendingEventSweepOptions = EVENT_SWEEP_DEFAULTS,
): PeriodicTask {
  const sweep = createPendingEventSweep(deps, options);
  return { name: 'requeue-pending-events', run: () => sweep.run() };
}

/**
 * Runs the tasks at start, then every `intervalMs`. A timer in every worker
 * process is fine: each task is idempotent (job ids are derived from the
 * event), so racing processes add nothing twice.
 */
export function startRecoveryLoop(options: RecoveryLoopOptions): RecoveryLoop {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const runOnce = (): Promise<void> => {
    running = running.then(async () => {
      for (const task of options.tasks) {
        if (stopped) return;
        try {
          const result = await task.run();
          options.log.debug({ task: task.name, result }, 'periodic task done');
        } catch (err) {
          options.log.warn({ err, task: task.name }, 'periodic task failed; it runs again at the next tick');
        }
      }
    });
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 30_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
