import { systemClock } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer, createSmtpTransport } from '@dropship/lifecycle';
import { createProcessors as createWorkerProcessors } from '@dropship/worker';
import type { WorkerProcessors } from '@dropship/worker';
import { storePlatformsFor } from './platforms';
import type { ProcessorDeps } from './processors';

/**
 * The worker's lifecycle, order-automation and notification jobs: the
 * built-in supplier (orders recorded for the team to place), the outbox
 * mailer (delivered through SMTP_URL when set, otherwise left queued in the
 * outbox for the team to read) and both store platforms for order sync.
 */
export function lifecycleProcessorsFor(deps: ProcessorDeps): WorkerProcessors {
  const repos = deps.storage.repositories;
  const { mail } = deps.config;
  const transport = mail.smtpUrl ? createSmtpTransport({ url: mail.smtpUrl, from: mail.from }) : undefined;
  return createWorkerProcessors({
    repos,
    queues: deps.queues,
    clock: systemClock,
    supplier: createBuiltInSupplier({ repos }),
    mailer: createOutboxMailer({ repos, clock: systemClock, ...(transport ? { transport } : {}) }),
    platforms: storePlatformsFor(repos, deps.shopify, deps.log),
    publicBaseUrl: deps.config.appUrl,
    teamEmail: mail.teamEmail,
  });
}
