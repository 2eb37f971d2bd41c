import type { BillingPeriod } from './billing-period';
import type { Subscription, SubscriptionProvider, SubscriptionStatus } from './model';
import { SubscriptionStatuses as S } from './model';
import type { TransitionTable } from './transition-table';
import { lookupTransition } from './transition-table';

/** The named moves of a subscription. A new subscription is made by `openSubscription`, not by a transition. */
export const SubscriptionTransitions = {
  convertTrial: 'convertTrial',
  renew: 'renew',
  scheduleCancellation: 'scheduleCancellation',
  undoCancellation: 'undoCancellation',
  cancelImmediately: 'cancelImmediately',
  cancelByProvider: 'cancelByProvider',
  completeScheduledCancellation: 'completeScheduledCancellation',
  expire: 'expire',
  freeze: 'freeze',
  unfreeze: 'unfreeze',
} as const;
export type SubscriptionTransition = (typeof SubscriptionTransitions)[keyof typeof SubscriptionTransitions];

/**
 * (status, transition) → next status. `cancelled` and `expired` are terminal:
 * Shopify's CANCELLED is final too, so a reinstall opens a new subscription.
 * A trial is not scheduled for cancellation (nothing is billed yet): it is
 * cancelled immediately or left to expire.
 */
export const SubscriptionTransitionTable: TransitionTable<SubscriptionStatus, SubscriptionTransition> = {
  [S.trial]: {
    convertTrial: S.active,
    cancelImmediately: S.cancelled,
    cancelByProvider: S.cancelled,
    expire: S.expired,
  },
  [S.active]: {
    renew: S.active,
    scheduleCancellation: S.pendingCancellation,
    cancelImmediately: S.cancelled,
    cancelByProvider: S.cancelled,
    expire: S.expired,
    freeze: S.frozen,
  },
  [S.pendingCancellation]: {
    undoCancellation: S.active,
    completeScheduledCancellation: S.cancelled,
    cancelImmediately: S.cancelled,
  },
  [S.frozen]: {
    unfreeze: S.active,
    cancelImmediately: S.cancelled,
    cancelByProvider: S.cancelled,
    expire: S.expired,
  },
  [S.cancelled]: {},
  [S.expired]: {},
};

/**
 * Which provider may use each transition. Shopify runs its own billing: only an
 * uninstall (or Shopify itself) cancels it, so owner cancellations from our
 * dashboard exist for platform subscriptions only.
 */
export const SubscriptionTransitionProviders: Readonly<
  Record<SubscriptionTransition, readonly SubscriptionProvider[]>
> = {
  convertTrial: ['shopify', 'platform'],
  renew: ['shopify', 'platform'],
  scheduleCancellation: ['platform'],
  undoCancellation: ['platform'],
  cancelImmediately: ['platform'],
  cancelByProvider: ['shopify'],
  completeScheduledCancellation: ['platform'],
  expire: ['shopify', 'platform'],
  freeze: ['shopify', 'platform'],
  unfreeze: ['shopify', 'platform'],
};

/** Transitions only an authenticated account owner (or staff acting for them) may trigger. */
export const OwnerSubscriptionTransitions: readonly SubscriptionTransition[] = [
  SubscriptionTransitions.scheduleCancellation,
  SubscriptionTransitions.undoCancellation,
  SubscriptionTransitions.cancelImmediately,
];

/** Why each status refuses the transitions it has no entry for; used in error messages. */
export const SubscriptionStatusNotes: Record<SubscriptionStatus, string> = {
  trial: 'has not been billed yet (cancel it immediately or let it expire)',
  active: 'is running normally',
  pending_cancellation: 'already ends at its period end (undo it, or cancel immediately)',
  cancelled: 'is terminal (a reinstall or a new plan opens a new subscription)',
  expired: 'is terminal (a new plan opens a new subscription)',
  frozen: 'is frozen for non-payment (unfreeze it or cancel it)',
};

export interface SubscriptionTransitionContext {
  at: Date;
  /** Where the change came from: `dashboard`, `support`, `shopify_uninstall`, `billing`, … */
  source: string;
  /** The authenticated owner (or staff member); required for owner transitions. */
  actorId?: string | null;
  /** Required for owner cancellations; a pending cancellation's reason is reused when omitted. */
  cancellation?: { reason: unknown; text?: unknown };
  /** A period given by the provider (Shopify's currentPeriodEnd); computed otherwise. */
  period?: BillingPeriod;
}

/** True when the table allows `transition` from the status and the provider may use it. */
export function canApplySubscriptionTransition(
  subscription: Pick<Subscription, 'status' | 'provider'>,
  transition: SubscriptionTransition,
): boolean {
  return (
    lookupTransition(SubscriptionTransitionTable, subscription.status, transition) !== undefined &&
    SubscriptionTransitionProviders[transition].includes(subscription.provider)
  );
}
