import type { BillingConfig } from '@shopify/shopify-api';
import { BillingInterval } from '@shopify/shopify-api';

import type { ShopifyPlanOptions } from '../options';

/** The library's billing config for our one recurring plan, keyed by the plan name Shopify shows the merchant. */
export function toLibraryBillingConfig(plan: ShopifyPlanOptions): BillingConfig {
  return {
    [plan.planName]: {
      trialDays: plan.trialDays,
      lineItems: [
        { amount: plan.amount, currencyCode: plan.currency, interval: BillingInterval.Every30Days },
      ],
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days left of a period already paid for, to give as `trialDays` when a
 * merchant reinstalls before it ends (Shopify's CANCELLED is terminal, so a
 * reinstall needs a new subscription). Partial days count as whole ones.
 */
export function remainingPaidDays(paidUntil: Date | null, now: Date): number {
  if (paidUntil === null) return 0;
  const remaining = paidUntil.getTime() - now.getTime();
  return remaining <= 0 ? 0 : Math.ceil(remaining / DAY_MS);
}
