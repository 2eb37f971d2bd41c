import { createBillingTeamCollector, createQueueRenewalScheduler } from '@dropship/billing';
import type { AccountDeletionDeps, BillingDeps } from '@dropship/billing';
import { createOutboxMailer, ingestEvent } from '@dropship/lifecycle';
import type { ServerDeps } from '../server-deps';
import { AccountPaths } from './account-paths';

/** The billing use-cases' dependencies, from the server's: mail goes to the outbox, the worker delivers it. */
export function billingDepsOf(deps: ServerDeps): BillingDeps {
  const { repos, clock, queues } = deps;
  return {
    repos,
    clock,
    scheduler: createQueueRenewalScheduler({ queues, clock }),
    collector: createBillingTeamCollector({ repos, clock }),
    mailer: createOutboxMailer({ repos, clock }),
    accountUrl: `${deps.config.appUrl}${AccountPaths.storeManagement}`,
  };
}

/** Account deletion's dependencies: erased stores go through the one lifecycle path (`account_deletion` events). */
export function accountDeletionDepsOf(deps: ServerDeps): AccountDeletionDeps {
  return {
    repos: deps.repos,
    clock: deps.clock,
    async redactStores({ storeIds, reference }) {
      for (const storeId of storeIds) {
        await ingestEvent(deps, {
          channel: 'dashboard',
          deliveryId: `${reference}.${storeId}`,
          storeId,
          source: 'account_deletion',
          topic: 'account/erased',
          triggeredAt: deps.clock.now(),
          payload: { reference },
          correlationId: null,
        });
      }
    },
  };
}
