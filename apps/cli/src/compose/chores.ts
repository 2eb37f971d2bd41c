import { systemClock } from '@dropship/core';
import { createOutboxMailer, createSmtpTransport, detectLostHeartbeats } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import { eventRecoveryTask } from '@dropship/worker';
import type { PeriodicTask } from '@dropship/worker';
import type { Config } from '@dropship/config';
import type { Storage } from './storage';

const HEARTBEAT_CHECK_EVERY_MS = 15 * 60_000;

/** Runs `task` at most once per `everyMs` inside a faster loop (each run is idempotent anyway). */
function throttled(task: PeriodicTask, everyMs: number): PeriodicTask {
  let last = 0;
  return {
    name: task.name,
    async run() {
      if (Date.now() - last < everyMs) return { skipped: true };
      last = Date.now();
      return task.run();
    },
  };
}

/**
 * The periodic chores of a worker process: re-queue pending events whose job
 * Redis does not hold, disconnect WooCommerce stores whose plugin stopped beating (removed
 * by FTP or `wp plugin delete`, where WordPress runs no hook), and deliver the
 * outbox when SMTP is configured. Every process runs them; each is idempotent.
 */
export function workerChores(config: Config, storage: Storage, queues: Queues): PeriodicTask[] {
  const repos = storage.repositories;
  const deps = { repos, queues, clock: systemClock };
  const chores: PeriodicTask[] = [
    eventRecoveryTask(deps),
    throttled(
      { name: 'detect-lost-heartbeats', run: () => detectLostHeartbeats(deps) },
      HEARTBEAT_CHECK_EVERY_MS,
    ),
  ];
  if (config.mail.smtpUrl) {
    const transport = createSmtpTransport({ url: config.mail.smtpUrl, from: config.mail.from });
    const mailer = createOutboxMailer({ repos, clock: systemClock, transport });
    chores.push({ name: 'deliver-outbox', run: () => mailer.deliverQueued() });
  }
  return chores;
}
