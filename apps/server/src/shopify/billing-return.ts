import type { RequestHandler } from 'express';
import { ErrorKinds } from '@dropship/core';
import { gidFor } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { ServerError } from '../errors';
import { embeddedAppUrl } from './embedded-app-url';
import { mirrorSnapshot, refreshSubscriptions } from './refresh-subscriptions';
import { loadInstalledShop } from './shop-session';

/**
 * `GET /billing/return?shop=&charge_id=`: Shopify sends the merchant back
 * after approving or declining. Nothing in the URL is trusted: the charge and
 * the shop's active subscriptions are read from the Admin API with the shop's
 * token and mirrored (status and current period end), then the merchant goes
 * to the app.
 */
export function billingReturn(deps: ServerDeps): RequestHandler {
  return async (req, res) => {
    const shop = deps.shopify.sanitizeShop(typeof req.query.shop === 'string' ? req.query.shop : undefined);
    if (shop === null) {
      throw new ServerError(
        ErrorKinds.invalidInput,
        'The billing return URL lacks a valid ?shop=; open the app from the Shopify admin.',
      );
    }
    const installed = await loadInstalledShop(deps.repos, shop);
    if (installed === null) {
      res.redirect(302, `/auth?shop=${encodeURIComponent(shop)}`);
      return;
    }
    const chargeId =
      typeof req.query.charge_id === 'string' && /^\d+$/.test(req.query.charge_id)
        ? req.query.charge_id
        : null;
    if (chargeId !== null) {
      const charge = await deps.shopify.billing.read({
        session: installed.session,
        subscriptionId: gidFor('AppSubscription', chargeId),
      });
      if (charge) await mirrorSnapshot(deps, installed.store, charge);
    }
    await refreshSubscriptions(deps, installed.store, installed.session);
    res.redirect(302, embeddedAppUrl(deps.config, shop));
  };
}
