import type { Logger } from 'pino';
import type { RunningWorker } from './start-worker';

export interface ShutdownOptions {
  worker: Pick<RunningWorker, 'close'>;
  log: Logger;
  /** How long in-flight jobs may take to finish before the worker closes with force (default 30 s). */
  graceMs?: number;
  /** Run after the worker closed (database, producer queues…), in order. */
  afterClose?: Array<() => Promise<void>>;
  signals?: readonly NodeJS.Signals[];
  /** Defaults to process.exit. */
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Runs the shutdown as a signal would; resolves with the exit code given to `exit`. */
  shutdown(reason: string): Promise<number>;
  /** Removes the signal handlers. */
  uninstall(): void;
}

async function closeWithGrace(
  options: ShutdownOptions,
  graceMs: number,
  forceNow: Promise<string>,
): Promise<void> {
  const { worker, log } = options;
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`in-flight jobs still running after ${graceMs} ms`), graceMs);
  });
  const graceful = worker.close().then(() => undefined);
  const why = await Promise.race([graceful, graceOver, forceNow]);
  clearTimeout(timer);
  if (why !== undefined) {
    // Jobs still running are abandoned with their lock; once it expires BullMQ's
    // stalled check puts them back in waiting and another worker runs them again.
    log.warn({ why }, 'closing the worker with force: unfinished jobs will be re-run by another worker');
    await worker.close({ force: true });
  }
}

/**
 * SIGTERM / SIGINT: stop taking jobs, let in-flight ones finish (up to
 * `graceMs`, or until a second signal), close with force after that, run the
 * `afterClose` hooks, exit 0 (1 if closing failed).
 */
export function installShutdownHandlers(options: ShutdownOptions): ShutdownHandle {
  const { log } = options;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let requestForce: (why: string) => void = () => undefined;
  const forceNow = new Promise<string>((resolve) => {
    requestForce = resolve;
  });
  let running: Promise<number> | undefined;

  async function run(reason: string): Promise<number> {
    log.info(
      { reason, graceMs: options.graceMs ?? 30_000 },
      'shutting down: no new jobs, finishing in-flight ones',
    );
    let code = 0;
    try {
      await closeWithGrace(options, options.graceMs ?? 30_000, forceNow);
      for (const hook of options.afterClose ?? []) await hook();
      log.info('worker stopped');
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      code = 1;
    }
    exit(code);
    return code;
  }

  const shutdown = (reason: string): Promise<number> => {
    if (running) {
      requestForce(`${reason} received again`);
      return running;
    }
    running = run(reason);
    return running;
  };
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  signals.forEach((signal) => process.on(signal, onSignal));
  return {
    shutdown,
    uninstall: () => signals.forEach((signal) => process.off(signal, onSignal)),
  };
}
