import { ErrorKinds, SubscriptionTransitions as T, applySubscriptionTransition } from '@dropship/core';
import type { SubscriptionRecord } from '@dropship/core';
import type { BillingActor, BillingDeps, RequestOrigin } from './billing-deps';
import { BillingError } from './errors';
import { findOwnedSubscription } from './owned-subscription';

export interface UndoCancellationParams {
  subscriptionId: string;
  accountId: string;
  actor: BillingActor;
  origin: RequestOrigin;
}

/** Takes back a cancellation at period end before the date: billing continues as before. */
export async function undoCancellation(
  deps: BillingDeps,
  params: UndoCancellationParams,
): Promise<SubscriptionRecord> {
  const { subscription: before } = await findOwnedSubscription(
    deps.repos,
    params.subscriptionId,
    params.accountId,
  );
  const at = deps.clock.now();
  const resumed = applySubscriptionTransition(before, T.undoCancellation, {
    at,
    source: params.origin.channel,
    actorId: params.actor.id,
  });
  await deps.repos.transaction(async (repos) => {
    const updated = await repos.subscriptions.updateIf(before.id, before.status, {
      status: resumed.status,
      cancelAtPeriodEnd: false,
      cancelledAt: null,
      cancelSource: null,
      cancelReason: null,
      cancelReasonText: null,
      cancelledBy: null,
      billingEndsAt: null,
    });
    if (!updated) {
      throw new BillingError(
        ErrorKinds.conflict,
        `Subscription ${before.id} changed meanwhile. Reload it and try again.`,
        { subscriptionId: before.id },
      );
    }
    await repos.audit.append({
      at,
      actorType: params.actor.type,
      actorId: params.actor.id,
      action: 'subscription.cancellation_undone',
      entityType: 'subscription',
      entityId: before.id,
      details: { previousReason: before.cancelReason, origin: { ...params.origin } },
    });
  });
  if (before.currentPeriodEnd) await deps.scheduler.scheduleRenewal(before.id, before.currentPeriodEnd);
  return (await deps.repos.subscriptions.findById(before.id)) ?? before;
}
