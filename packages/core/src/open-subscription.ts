import type { BillingPeriod } from './billing-period';
import { firstPeriod } from './billing-period';
import { InvalidInputError } from './errors';
import type { Subscription, SubscriptionProvider } from './model';
import { SubscriptionProviders, SubscriptionStatuses } from './model';
import type { Money } from './money';
import { createMoney } from './money';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OpenSubscriptionParams {
  id: string;
  storeId: string;
  accountId: string | null;
  provider: SubscriptionProvider;
  /** Shopify AppSubscription GID; required for Shopify, null for platform subscriptions. */
  externalId: string | null;
  planName: string;
  price: Money;
  at: Date;
  /** Days of trial before the first billed period; 0 or absent starts billing at once. */
  trialDays?: number;
  /** The first period when the provider states it (Shopify); one month from `at` otherwise. */
  period?: BillingPeriod;
}

/**
 * A new subscription: in `trial` when trial days are given, `active` otherwise.
 * Terminal subscriptions are never reopened; a reinstall or new plan calls this.
 */
export function openSubscription(params: OpenSubscriptionParams): Subscription {
  const price = createMoney(params.price.amountMinor, params.price.currency);
  const trialDays = params.trialDays ?? 0;
  if (!Number.isInteger(trialDays) || trialDays < 0) {
    throw new InvalidInputError(`Trial days must be a whole number of days, 0 or more (got ${trialDays}).`, {
      field: 'trialDays',
    });
  }
  if (params.provider === SubscriptionProviders.shopify && !params.externalId) {
    throw new InvalidInputError('A Shopify subscription needs its AppSubscription id (externalId).', {
      field: 'externalId',
    });
  }
  const inTrial = trialDays > 0;
  const trialEndsAt = inTrial ? new Date(params.at.getTime() + trialDays * DAY_MS) : null;
  const period = inTrial ? null : (params.period ?? firstPeriod(params.at));
  return {
    id: params.id,
    storeId: params.storeId,
    accountId: params.accountId,
    provider: params.provider,
    externalId: params.externalId,
    planName: params.planName,
    priceMinor: price.amountMinor,
    currency: price.currency,
    status: inTrial ? SubscriptionStatuses.trial : SubscriptionStatuses.active,
    trialEndsAt,
    currentPeriodStart: period?.start ?? null,
    currentPeriodEnd: period?.end ?? null,
    cancelAtPeriodEnd: false,
    cancelledAt: null,
    cancelSource: null,
    cancelReason: null,
    cancelReasonText: null,
    cancelledBy: null,
    billingEndsAt: null,
    createdAt: params.at,
    updatedAt: params.at,
  };
}
