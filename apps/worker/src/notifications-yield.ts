import { Queue } from 'bullmq';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QueueNames } from '@dropship/queues';

export interface NotificationsYieldOptions {
  /** Lifecycle jobs waiting at or above which notifications pause (default: the lifecycle concurrency). */
  backlog?: number;
  /** How often the lifecycle backlog is read (default 250 ms). */
  checkEveryMs?: number;
  /**
   * Longest pause under a backlog that does not clear (default 60 s): then
   * notifications run until it has cleared, so a storm that outlasts the
   * workers delays messages, never stops them.
   */
  maxDeferMs?: number;
}

export interface NotificationsYield {
  /** Stops watching and leaves the notification worker running (close pauses it itself). */
  stop(): Promise<void>;
}

/**
 * A store's disconnect matters before its messages: while more lifecycle
 * jobs wait than this process runs at once, its notification worker takes
 * no new job, so the cores they share go to disconnects first and an
 * uninstall storm reaches `disconnected` sooner; the messages follow once the
 * backlog is down. Only a process that runs both queues yields: a process
 * that sends notifications alone has no disconnect to make room for.
 */
export function yieldNotificationsToLifecycle(params: {
  notifications: Worker;
  connection: Redis;
  prefix: string;
  backlog: number;
  options: NotificationsYieldOptions;
  log: Logger;
}): NotificationsYield {
  const { notifications, log } = params;
  const checkEveryMs = params.options.checkEveryMs ?? 250;
  const maxDeferMs = params.options.maxDeferMs ?? 60_000;
  const lifecycle = new Queue(QueueNames.lifecycle, { connection: params.connection, prefix: params.prefix });
  let pausedSince: number | null = null;
  // Paused for maxDeferMs under one backlog: run until it clears, then yield again.
  let overdue = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const resume = () => {
    pausedSince = null;
    notifications.resume();
    log.debug('notifications resumed');
  };

  const check = async () => {
    let waiting: number;
    try {
      waiting = await lifecycle.getWaitingCount();
    } catch (err) {
      // Redis is away: the workers are waiting for it too. Leave things as they are.
      log.debug({ err }, 'lifecycle backlog not read');
      return;
    }
    if (stopped) return;
    if (waiting < params.backlog) {
      overdue = false;
      if (pausedSince !== null) resume();
    } else if (pausedSince === null && !overdue) {
      pausedSince = Date.now();
      // Waiting for its active jobs also cuts its pending fetch short; without that, an idle
      // worker's blocked fetch would still hand it the next job.
      await notifications.pause();
      log.debug({ waiting }, 'notifications paused: disconnects first');
    } else if (pausedSince !== null && Date.now() - pausedSince >= maxDeferMs) {
      overdue = true;
      log.warn(
        { waiting, deferredMs: Date.now() - pausedSince },
        'disconnects still backlogged: notifications run again before the backlog clears',
      );
      resume();
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = check()
        .catch((err: unknown) => log.warn({ err }, 'notifications not paused or resumed'))
        .finally(schedule);
    }, checkEveryMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await lifecycle.close();
    },
  };
}
