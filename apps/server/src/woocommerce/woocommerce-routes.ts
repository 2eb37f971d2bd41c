import { Router } from 'express';
import type { ServerDeps } from '../server-deps';
import { keyCallbackRoutes } from './key-callback-route';
import { webhookRoutes } from './webhook-route';

/** WooCommerce's own calls: the key-flow callback and webhook deliveries. */
export function woocommerceRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.use(keyCallbackRoutes(deps));
  router.use(webhookRoutes(deps));
  return router;
}
