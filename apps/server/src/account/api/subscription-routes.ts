import { Router } from 'express';
import { cancelSubscription, requestRefund, undoCancellation } from '@dropship/billing';
import type { CancellationResult } from '@dropship/billing';
import { ErrorKinds } from '@dropship/core';
import type { ServerDeps } from '../../server-deps';
import { billingDepsOf } from '../billing-context';
import { AccountAreaError } from '../auth/account-error';
import { requireAccountArea } from '../auth/authenticate-merchant';
import { actorAndOrigin } from './request-origin';
import { subscriptionJson } from './store-summary';

function resultJson(result: CancellationResult) {
  return { ...result, endsAt: result.endsAt.toISOString() };
}

/**
 * Owner actions on a platform subscription: cancel (immediate or at period
 * end, with a reason and a confirmation), undo a pending cancellation, ask for
 * a refund. Account area only (session cookie + CSRF token), audited.
 */
export function subscriptionRoutes(deps: ServerDeps): Router {
  const router = Router();
  const billing = billingDepsOf(deps);
  router.post('/subscriptions/:subscriptionId/cancel', async (req, res) => {
    const merchant = requireAccountArea(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.confirm !== true) {
      throw new AccountAreaError(
        ErrorKinds.invalidInput,
        'Confirm the cancellation by sending confirm: true.',
        {
          field: 'confirm',
        },
      );
    }
    const { subscription, result } = await cancelSubscription(billing, {
      subscriptionId: req.params.subscriptionId,
      accountId: merchant.account.id,
      ...actorAndOrigin(req, merchant),
      mode: body.mode,
      reason: body.reason,
      reasonText: body.reasonText,
    });
    res.json({ subscription: subscriptionJson(subscription), result: resultJson(result) });
  });
  router.post('/subscriptions/:subscriptionId/undo-cancel', async (req, res) => {
    const merchant = requireAccountArea(res);
    const subscription = await undoCancellation(billing, {
      subscriptionId: req.params.subscriptionId,
      accountId: merchant.account.id,
      ...actorAndOrigin(req, merchant),
    });
    res.json({ subscription: subscriptionJson(subscription) });
  });
  router.post('/subscriptions/:subscriptionId/refund-request', async (req, res) => {
    const merchant = requireAccountArea(res);
    const { request, created } = await requestRefund(billing, {
      subscriptionId: req.params.subscriptionId,
      accountId: merchant.account.id,
      ...actorAndOrigin(req, merchant),
      message: (req.body as Record<string, unknown> | undefined)?.message,
    });
    res.status(created ? 201 : 200).json({ request: { id: request.id, status: request.status } });
  });
  return router;
}
