import {
  createBillingTeamCollector,
  createQueueRenewalScheduler,
  scheduleBillingSweep,
} from '@dropship/billing';
import type { BillingDeps } from '@dropship/billing';
import { systemClock } from '@dropship/core';
import { createOutboxMailer } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import { createBillingProcessors } from '@dropship/worker';
import type { BillingProcessors } from '@dropship/worker';
import type { ProcessorDeps } from './processors';

/** How often the billing sweep looks for missed renewals and due still-billed reminders. */
export const BILLING_SWEEP_EVERY_MS = 15 * 60_000;

/** Platform billing's real parts: delayed renewal jobs, the billing-team collector, the outbox. */
export function billingDepsFor(deps: ProcessorDeps): BillingDeps {
  const repos = deps.storage.repositories;
  const clock = systemClock;
  return {
    repos,
    clock,
    scheduler: createQueueRenewalScheduler({ queues: deps.queues, clock }),
    collector: createBillingTeamCollector({ repos, clock }),
    mailer: createOutboxMailer({ repos, clock }),
    accountUrl: `${deps.config.appUrl}/app/settings/stores`,
  };
}

export function billingProcessorsFor(deps: ProcessorDeps): BillingProcessors {
  return createBillingProcessors(billingDepsFor(deps));
}

/** Creates (or updates) the sweep's job scheduler; idempotent, so every worker start may call it. */
export function scheduleBilling(queues: Queues): Promise<void> {
  return scheduleBillingSweep(queues, { everyMs: BILLING_SWEEP_EVERY_MS });
}
