import type { Router } from 'express';
import { healthRoutes } from './health/health-routes';
import { opsRoutes } from './ops';
import type { ServerDeps } from './server-deps';
import { shopifyRoutes } from './shopify/shopify-routes';
import { BRIDGE_PREFIX, bridgeBodyErrors, bridgeRoutes } from './bridge';
import { woocommerceRoutes } from './woocommerce';
import { accountRoutes } from './account';

/**
 * Mounts every feature. Each feature folder (health/, shopify/, bridge/,
 * account/, ops/) exports one router factory taking `ServerDeps`.
 */
export function mountRoutes(app: Router, deps: ServerDeps): void {
  app.use(healthRoutes(deps));
  app.use(opsRoutes(deps));
  app.use(shopifyRoutes(deps));
  app.use(bridgeRoutes(deps));
  app.use(BRIDGE_PREFIX, bridgeBodyErrors(deps));
  app.use(woocommerceRoutes(deps));
  app.use(accountRoutes(deps));
}
