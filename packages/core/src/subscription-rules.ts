import { InvalidInputError } from './errors';
import type { Subscription, SubscriptionProvider } from './model';
import { SubscriptionProviders } from './model';
import type { SubscriptionTransition, SubscriptionTransitionContext } from './subscription-transitions';
import {
  OwnerSubscriptionTransitions,
  SubscriptionTransitionProviders,
  SubscriptionTransitionTable,
  SubscriptionTransitions as T,
} from './subscription-transitions';
import { ruleRefusal } from './transition-table';

function refuse(
  subscription: Subscription,
  transition: SubscriptionTransition,
  rule: string,
  explanation: string,
) {
  return ruleRefusal({
    machine: 'subscription',
    table: SubscriptionTransitionTable,
    from: subscription.status,
    transition,
    rule,
    explanation,
    entityId: subscription.id,
  });
}

/** Throws when a rule beyond the table (provider, owner, period timing) refuses the transition. */
export function assertSubscriptionRules(
  sub: Subscription,
  transition: SubscriptionTransition,
  context: SubscriptionTransitionContext,
) {
  if (!SubscriptionTransitionProviders[transition].includes(sub.provider)) {
    throw refuse(sub, transition, 'provider', providerExplanation(sub.provider, transition));
  }
  if (OwnerSubscriptionTransitions.includes(transition) && !context.actorId) {
    throw new InvalidInputError(
      `"${transition}" needs the authenticated owner who asked for it (actorId): cancellations are placed only from the authenticated client area.`,
      { transition, subscriptionId: sub.id },
    );
  }
  const at = context.at.getTime();
  if (
    transition === T.scheduleCancellation &&
    (sub.currentPeriodEnd === null || sub.currentPeriodEnd.getTime() <= at)
  ) {
    throw refuse(
      sub,
      transition,
      'period_end_required',
      `a cancellation at period end needs a current period that has not ended yet (currentPeriodEnd is ${sub.currentPeriodEnd?.toISOString() ?? 'unknown'}); renew the period first or cancel immediately.`,
    );
  }
  if (transition === T.undoCancellation && sub.billingEndsAt !== null && sub.billingEndsAt.getTime() <= at) {
    throw refuse(
      sub,
      transition,
      'period_ended',
      `the cancellation took effect at ${sub.billingEndsAt.toISOString()} and can no longer be undone; open a new subscription instead.`,
    );
  }
  if (
    transition === T.completeScheduledCancellation &&
    sub.billingEndsAt !== null &&
    sub.billingEndsAt.getTime() > at
  ) {
    throw refuse(
      sub,
      transition,
      'period_not_ended',
      `the scheduled cancellation takes effect at ${sub.billingEndsAt.toISOString()}; complete it then, not before.`,
    );
  }
  if (transition === T.renew && context.period === undefined && !isRenewalDue(sub, context.at)) {
    throw refuse(
      sub,
      transition,
      'period_not_ended',
      `the current period ends at ${sub.currentPeriodEnd?.toISOString() ?? 'an unknown time'}; renew it then, or pass the period the provider reports.`,
    );
  }
}

function isRenewalDue(sub: Subscription, at: Date): boolean {
  return sub.currentPeriodEnd !== null && sub.currentPeriodEnd.getTime() <= at.getTime();
}

function providerExplanation(provider: SubscriptionProvider, transition: SubscriptionTransition): string {
  if (provider === SubscriptionProviders.shopify) {
    return `Shopify subscriptions are billed by Shopify and cannot be changed with "${transition}" from our dashboard; the merchant ends them by uninstalling the app (or Shopify cancels them).`;
  }
  return `platform subscriptions are not cancelled by a provider ("${transition}"); only the account owner cancels them, immediately or at period end, from the dashboard.`;
}
