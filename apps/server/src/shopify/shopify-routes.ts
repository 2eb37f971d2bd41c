import { Router } from 'express';
import type { ServerDeps } from '../server-deps';
import { billingReturn } from './billing-return';
import { embeddedAppRouter } from './embedded-app';
import { beginInstall, completeInstall } from './install';
import { shopifyWebhookRouter } from './webhook-routes';

/** The Shopify app: install (OAuth), billing return, webhooks, and the embedded UI at /app. */
export function shopifyRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/auth', beginInstall(deps));
  router.get('/auth/callback', completeInstall(deps));
  router.get('/billing/return', billingReturn(deps));
  router.use(shopifyWebhookRouter(deps));
  router.use(embeddedAppRouter(deps, deps.options?.webDistDir));
  return router;
}
