import type { Logger } from 'pino';
import { recoverUnqueuedEvents } from '@dropship/lifecycle';
import type { IngestDeps, RecoverEventsOptions } from '@dropship/lifecycle';

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

/** Queues again the jobs of events recorded but never queued (a crash between the two writes). */
export function eventRecoveryTask(
  deps: IngestDeps,
  options: RecoverEventsOptions = { minAgeMs: 10_000, batchSize: 200 },
): PeriodicTask {
  return { name: 'recover-unqueued-events', run: () => recoverUnqueuedEvents(deps, options) };
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
