import type { BillingPeriod } from './billing-period';
import { anchorDayOfPeriod, firstPeriod, nextPeriod } from './billing-period';
import type { CancellationRequest } from './cancellation-reason';
import { parseCancellationRequest } from './cancellation-reason';
import { InvalidInputError } from './errors';
import type { Subscription } from './model';
import { assertSubscriptionRules } from './subscription-rules';
import type { SubscriptionTransition, SubscriptionTransitionContext } from './subscription-transitions';
import {
  SubscriptionStatusNotes,
  SubscriptionTransitionTable,
  SubscriptionTransitions as T,
} from './subscription-transitions';
import { lookupTransition, tableRefusal } from './transition-table';

export * from './subscription-transitions';

/**
 * The subscription after `transition`, as a new value. Throws
 * `IllegalTransitionError` when the table, the provider or a timing rule refuses
 * it, and `InvalidInputError` when a required input (actor, reason) is missing.
 */
export function applySubscriptionTransition(
  subscription: Subscription,
  transition: SubscriptionTransition,
  context: SubscriptionTransitionContext,
): Subscription {
  const next = lookupTransition(SubscriptionTransitionTable, subscription.status, transition);
  if (next === undefined) {
    throw tableRefusal({
      machine: 'subscription',
      table: SubscriptionTransitionTable,
      from: subscription.status,
      transition,
      stateNote: SubscriptionStatusNotes[subscription.status],
      entityId: subscription.id,
    });
  }
  assertSubscriptionRules(subscription, transition, context);
  const moved: Subscription = { ...subscription, status: next, updatedAt: context.at };
  return applyEffects(moved, subscription, transition, context);
}

function resolveCancellation(sub: Subscription, context: SubscriptionTransitionContext): CancellationRequest {
  if (context.cancellation === undefined && sub.cancelReason !== null) {
    return parseOrThrow(sub, { reason: sub.cancelReason, text: sub.cancelReasonText });
  }
  return parseOrThrow(sub, context.cancellation ?? { reason: undefined });
}

function parseOrThrow(sub: Subscription, input: { reason: unknown; text?: unknown }): CancellationRequest {
  const parsed = parseCancellationRequest(input);
  if (!parsed.ok) {
    throw new InvalidInputError(parsed.message, { problem: parsed.problem, subscriptionId: sub.id });
  }
  return parsed.value;
}

function ownerCancellationFields(sub: Subscription, context: SubscriptionTransitionContext) {
  const request = resolveCancellation(sub, context);
  return {
    cancelReason: request.reason,
    cancelReasonText: request.text,
    cancelledBy: context.actorId ?? null,
    cancelSource: context.source,
  };
}

function applyEffects(
  moved: Subscription,
  before: Subscription,
  transition: SubscriptionTransition,
  context: SubscriptionTransitionContext,
): Subscription {
  const { at } = context;
  switch (transition) {
    case T.convertTrial:
      return withPeriod(moved, context.period ?? firstPeriod(at));
    case T.renew:
      return withPeriod(moved, context.period ?? renewedPeriod(before));
    case T.unfreeze:
      return context.period === undefined ? moved : withPeriod(moved, context.period);
    case T.freeze:
      return moved;
    case T.scheduleCancellation:
      return {
        ...moved,
        ...ownerCancellationFields(before, context),
        cancelAtPeriodEnd: true,
        cancelledAt: at,
        billingEndsAt: before.currentPeriodEnd,
      };
    case T.undoCancellation:
      return { ...moved, ...clearedCancellation };
    case T.cancelImmediately:
      return {
        ...moved,
        ...ownerCancellationFields(before, context),
        cancelAtPeriodEnd: false,
        cancelledAt: at,
        billingEndsAt: at,
      };
    case T.cancelByProvider:
      return { ...moved, ...providerCancellation(before, context) };
    case T.completeScheduledCancellation:
      return moved;
    case T.expire:
      return { ...moved, cancelAtPeriodEnd: false, billingEndsAt: at };
  }
}

const clearedCancellation = {
  cancelAtPeriodEnd: false,
  cancelledAt: null,
  cancelSource: null,
  cancelReason: null,
  cancelReasonText: null,
  cancelledBy: null,
  billingEndsAt: null,
} as const;

function withPeriod(sub: Subscription, period: BillingPeriod): Subscription {
  if (period.end.getTime() <= period.start.getTime()) {
    throw new InvalidInputError(
      `A billing period must end after it starts (got ${period.start.toISOString()} → ${period.end.toISOString()}).`,
      { subscriptionId: sub.id },
    );
  }
  return { ...sub, currentPeriodStart: period.start, currentPeriodEnd: period.end };
}

function renewedPeriod(sub: Subscription): BillingPeriod {
  // isRenewalDue guaranteed currentPeriodEnd; a missing start means the period began one month earlier.
  const end = sub.currentPeriodEnd as Date;
  const current = { start: sub.currentPeriodStart ?? end, end };
  const anchorDay = sub.currentPeriodStart === null ? end.getUTCDate() : anchorDayOfPeriod(current);
  return nextPeriod(current, anchorDay);
}

/**
 * Shopify cancels on uninstall and credits nothing: access runs to the period
 * end stored while the subscription was active (the token is revoked by now, so
 * it cannot be asked). A period already over means billing ends at once.
 */
function providerCancellation(sub: Subscription, context: SubscriptionTransitionContext) {
  const end = sub.currentPeriodEnd;
  return {
    cancelAtPeriodEnd: false,
    cancelledAt: context.at,
    cancelSource: context.source,
    cancelReason: null,
    cancelReasonText: null,
    cancelledBy: null,
    billingEndsAt: end !== null && end.getTime() > context.at.getTime() ? end : context.at,
  };
}
