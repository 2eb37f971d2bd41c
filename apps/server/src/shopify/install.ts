import type { RequestHandler } from 'express';
import { ErrorKinds } from '@dropship/core';
import type { ServerDeps } from '../server-deps';
import { ServerError } from '../errors';
import { correlationIdOf } from '../http/request-correlation';
import { recordInstallation } from './record-installation';
import { requestBilling } from './request-billing';
import { embeddedAppUrl } from './embedded-app-url';

/**
 * `GET /auth?shop=`: starts OAuth for an offline token (the library sets the
 * signed state cookie and answers 302 to the consent screen).
 */
export function beginInstall(deps: Pick<ServerDeps, 'shopify'>): RequestHandler {
  return async (req, res) => {
    const shop = typeof req.query.shop === 'string' ? req.query.shop : '';
    if (deps.shopify.sanitizeShop(shop) === null) {
      throw new ServerError(
        ErrorKinds.invalidInput,
        'Open the app from the Shopify admin: ?shop= must be a <name>.myshopify.com domain.',
      );
    }
    await deps.shopify.beginInstall(req, res, shop);
  };
}

/**
 * `GET /auth/callback`: OAuth done (HMAC, state cookie and code checked by the
 * library). Records the install, then sends the merchant to approve the plan —
 * or straight into the app when Shopify already bills it.
 */
export function completeInstall(deps: ServerDeps): RequestHandler {
  return async (req, res) => {
    const install = await deps.shopify.completeInstall(req, res);
    const store = await recordInstallation(deps, install, correlationIdOf(req));
    const session = { shop: install.shop, accessToken: install.accessToken };
    const billing = await requestBilling(deps, store, session);
    if (billing.kind === 'confirm' && billing.trialDays !== null) {
      await deps.repos.audit.append({
        at: deps.clock.now(),
        actorType: 'system',
        action: 'subscription.reinstall_trial_offered',
        entityType: 'store',
        entityId: store.id,
        details: { trialDays: billing.trialDays },
        correlationId: correlationIdOf(req),
      });
    }
    res.redirect(
      302,
      billing.kind === 'confirm' ? billing.confirmationUrl : embeddedAppUrl(deps.config, install.shop),
    );
  };
}
