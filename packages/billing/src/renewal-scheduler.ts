import type { Clock } from '@dropship/core';
import { JobNames, billingSweepSchedulerId, renewalJobId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import type { RenewalScheduler } from './billing-deps';

export interface QueueRenewalSchedulerOptions {
  queues: Pick<Queues, 'enqueue' | 'billing'>;
  clock: Clock;
}

/**
 * Renewals as delayed BullMQ jobs, one per (subscription, period end): the job
 * id makes a second schedule of the same period a no-op. The billing sweep
 * catches any renewal whose job was lost.
 */
export function createQueueRenewalScheduler(options: QueueRenewalSchedulerOptions): RenewalScheduler {
  const { queues, clock } = options;
  return {
    async scheduleRenewal(subscriptionId, periodEnd) {
      const delay = Math.max(0, periodEnd.getTime() - clock.now().getTime());
      await queues.enqueue(
        JobNames.renewSubscription,
        { subscriptionId, periodEnd: periodEnd.toISOString() },
        { delay },
      );
    },
    async unscheduleRenewal(subscriptionId, periodEnd) {
      const job = await queues.billing.getJob(renewalJobId(subscriptionId, periodEnd));
      if (!job || !(await job.isDelayed())) return false;
      await job.remove();
      return true;
    },
  };
}

/** Creates or updates the job scheduler of the periodic billing sweep. */
export async function scheduleBillingSweep(
  queues: Pick<Queues, 'billing'>,
  options: { everyMs: number },
): Promise<void> {
  await queues.billing.upsertJobScheduler(
    billingSweepSchedulerId,
    { every: options.everyMs },
    { name: JobNames.billingSweep, data: {} },
  );
}
