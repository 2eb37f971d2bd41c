import type { BilledPeriodRepository } from '@dropship/core';
import type { RepositoryContext } from './context';

const TABLE = 'billed_periods';

export function createBilledPeriodRepository(ctx: RepositoryContext): BilledPeriodRepository {
  const { knex, codec } = ctx;
  return {
    // ON CONFLICT DO NOTHING: a concurrent claimer waits for the first one's commit, then inserts nothing.
    async claim(subscriptionId, periodStart, at) {
      const rows = (await knex(TABLE)
        .insert({
          subscription_id: subscriptionId,
          period_start: codec.date(periodStart),
          claimed_at: codec.date(at),
        })
        .onConflict(['subscription_id', 'period_start'])
        .ignore()
        .returning('subscription_id')) as unknown[];
      return rows.length > 0;
    },
  };
}
