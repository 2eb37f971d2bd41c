import type { SubscriptionStatus } from './model';
import { SubscriptionProviders, SubscriptionStatuses } from './model';
import type { SubscriptionTransition } from './subscription-lifecycle';
import { SubscriptionTransitions, canApplySubscriptionTransition } from './subscription-lifecycle';

/** `AppSubscription.status` values as Shopify sends them (`app_subscriptions/update`). */
export const ShopifySubscriptionStatuses = {
  active: 'ACTIVE',
  cancelled: 'CANCELLED',
  declined: 'DECLINED',
  expired: 'EXPIRED',
  frozen: 'FROZEN',
  pending: 'PENDING',
} as const;
export type ShopifySubscriptionStatus =
  (typeof ShopifySubscriptionStatuses)[keyof typeof ShopifySubscriptionStatuses];

export type ShopifyStatusMapping =
  /** No subscription recorded yet and Shopify reports it approved: record it as active. */
  | { kind: 'open'; status: typeof SubscriptionStatuses.active }
  | { kind: 'apply'; transition: SubscriptionTransition; status: SubscriptionStatus }
  | { kind: 'none'; reason: ShopifyStatusNoop };

export type ShopifyStatusNoop =
  | 'awaiting_approval'
  | 'declined_before_activation'
  | 'never_activated'
  | 'already_in_status'
  | 'not_applicable';

const { active, cancelled, expired, frozen, trial } = SubscriptionStatuses;

/** Per Shopify status: the transition that mirrors it, or null when it never moves a recorded subscription. */
const mirrorTransitions: Record<ShopifySubscriptionStatus, SubscriptionTransition | null> = {
  ACTIVE: SubscriptionTransitions.unfreeze,
  CANCELLED: SubscriptionTransitions.cancelByProvider,
  EXPIRED: SubscriptionTransitions.expire,
  FROZEN: SubscriptionTransitions.freeze,
  PENDING: null,
  DECLINED: null,
};

const mirroredStatus: Record<ShopifySubscriptionStatus, readonly SubscriptionStatus[]> = {
  // Shopify has no trial status: a subscription in its trial days is ACTIVE.
  ACTIVE: [active, trial],
  CANCELLED: [cancelled],
  EXPIRED: [expired],
  FROZEN: [frozen],
  PENDING: [],
  DECLINED: [],
};

/**
 * What a Shopify subscription status means for our record (`current` is null
 * when none is recorded yet). Decisions:
 * - PENDING: the merchant has not approved the charge; nothing is recorded or
 *   changed (a pending plan change leaves the current subscription running).
 * - DECLINED: the merchant refused a pending charge; it was never active, so
 *   nothing is recorded and a running subscription stays as it is.
 * - EXPIRED without a record: a charge left unapproved for two days; nothing to record.
 * - A status already mirrored, or one the table does not allow from `current`
 *   (a terminal record), changes nothing.
 */
export function fromShopifyStatus(
  status: ShopifySubscriptionStatus,
  current: SubscriptionStatus | null,
): ShopifyStatusMapping {
  if (status === ShopifySubscriptionStatuses.pending) return { kind: 'none', reason: 'awaiting_approval' };
  if (status === ShopifySubscriptionStatuses.declined)
    return { kind: 'none', reason: 'declined_before_activation' };
  if (current === null) {
    return status === ShopifySubscriptionStatuses.active
      ? { kind: 'open', status: active }
      : { kind: 'none', reason: 'never_activated' };
  }
  if (mirroredStatus[status].includes(current)) return { kind: 'none', reason: 'already_in_status' };
  const transition = mirrorTransitions[status];
  const shopify = { provider: SubscriptionProviders.shopify, status: current };
  if (transition === null || !canApplySubscriptionTransition(shopify, transition)) {
    return { kind: 'none', reason: 'not_applicable' };
  }
  const target = mirroredStatus[status][0] as SubscriptionStatus;
  return { kind: 'apply', transition, status: target };
}
