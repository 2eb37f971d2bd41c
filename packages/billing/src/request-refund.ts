import { ErrorKinds } from '@dropship/core';
import type { BillingRequest } from '@dropship/core';
import type { BillingActor, BillingDeps, RequestOrigin } from './billing-deps';
import { BillingError } from './errors';
import { findOwnedSubscription } from './owned-subscription';

export const REFUND_MESSAGE_MAX_LENGTH = 2000;

export interface RequestRefundParams {
  subscriptionId: string;
  accountId: string;
  actor: BillingActor;
  origin: RequestOrigin;
  message: unknown;
}

export interface RequestRefundResult {
  request: BillingRequest;
  /** False when an earlier refund request of this subscription was returned. */
  created: boolean;
}

function parseMessage(message: unknown): string {
  const text = typeof message === 'string' ? message.trim() : '';
  if (text === '' || text.length > REFUND_MESSAGE_MAX_LENGTH) {
    throw new BillingError(
      ErrorKinds.invalidInput,
      `Describe your refund request in 1 to ${REFUND_MESSAGE_MAX_LENGTH} characters (which charge, and why).`,
      { field: 'message' },
    );
  }
  return text;
}

/**
 * A refund request for the billing team, after cancelling: recorded, never
 * paid automatically. One request per subscription; asking again returns it.
 */
export async function requestRefund(
  deps: BillingDeps,
  params: RequestRefundParams,
): Promise<RequestRefundResult> {
  const message = parseMessage(params.message);
  const { subscription } = await findOwnedSubscription(deps.repos, params.subscriptionId, params.accountId);
  if (subscription.status !== 'cancelled' && subscription.status !== 'pending_cancellation') {
    throw new BillingError(
      ErrorKinds.conflict,
      'Refunds are requested after cancelling: cancel the subscription first, then ask for a refund.',
      { subscriptionId: subscription.id, status: subscription.status },
    );
  }
  const at = deps.clock.now();
  const paid = (await deps.repos.invoices.listByStatus(subscription.id, 'paid')).at(-1) ?? null;
  return deps.repos.transaction(async (repos) => {
    const created = await repos.billingRequests.createOnce({
      kind: 'refund',
      idempotencyKey: `refund.${subscription.id}`,
      accountId: subscription.accountId,
      subscriptionId: subscription.id,
      invoiceNumber: paid?.number ?? null,
      message,
      requestedBy: `${params.actor.type}:${params.actor.id}`,
      createdAt: at,
    });
    if (!created.inserted) return { request: created.existing, created: false };
    await repos.audit.append({
      at,
      actorType: params.actor.type,
      actorId: params.actor.id,
      action: 'billing_request.refund_requested',
      entityType: 'subscription',
      entityId: subscription.id,
      details: {
        requestId: created.request.id,
        invoiceNumber: paid?.number ?? null,
        origin: { ...params.origin },
      },
    });
    return { request: created.request, created: true };
  });
}
