import { renewSubscription, runBillingSweep } from '@dropship/billing';
import type { BillingDeps } from '@dropship/billing';
import { JobNames, skippedJob } from '@dropship/queues';
import type { Processors } from '@dropship/queues';

/** The billing queue's jobs, registered next to `createProcessors` by the composition root. */
export type BillingProcessors = Pick<
  Processors,
  typeof JobNames.renewSubscription | typeof JobNames.billingSweep
>;

/** Renewal at a period end (one delayed job per subscription period) and the periodic billing sweep. */
export function createBillingProcessors(deps: BillingDeps): BillingProcessors {
  return {
    [JobNames.renewSubscription]: async (payload) => {
      const result = await renewSubscription(deps, {
        subscriptionId: payload.subscriptionId,
        periodEnd: new Date(payload.periodEnd),
      });
      return result.outcome === 'skipped' ? skippedJob(result.reason) : result.outcome;
    },
    [JobNames.billingSweep]: (_payload) => runBillingSweep(deps),
  };
}
