import type { BillingDeps } from './billing-deps';
import { renewUntilCurrent } from './renew-subscription';
import { sendStillBilledReminders } from './still-billed-reminders';
import type { StillBilledRemindersOptions } from './still-billed-reminders';

export interface BillingSweepResult {
  renewed: number;
  endedAtPeriodEnd: number;
  disconnectNotices: number;
  preChargeReminders: number;
}

/**
 * The periodic safety net of platform billing: renews every subscription whose
 * period is over (a lost or late renewal job, worker downtime), then sends the
 * still-billed notices and pre-charge reminders. Safe to run concurrently and
 * repeatedly: every step is idempotent.
 */
export async function runBillingSweep(
  deps: BillingDeps,
  options: StillBilledRemindersOptions & { batchSize?: number } = {},
): Promise<BillingSweepResult> {
  const due = await deps.repos.subscriptions.listPeriodEndingBefore(
    deps.clock.now(),
    ['trial', 'active', 'pending_cancellation'],
    options.batchSize ?? 200,
  );
  const result: BillingSweepResult = {
    renewed: 0,
    endedAtPeriodEnd: 0,
    disconnectNotices: 0,
    preChargeReminders: 0,
  };
  for (const subscription of due) {
    for (const step of await renewUntilCurrent(deps, subscription.id)) {
      if (step.outcome === 'renewed') result.renewed += 1;
      if (step.outcome === 'ended_at_period_end') result.endedAtPeriodEnd += 1;
    }
  }
  const reminders = await sendStillBilledReminders(deps, options);
  return { ...result, ...reminders };
}
