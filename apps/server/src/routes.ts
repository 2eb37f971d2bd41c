import type { Router } from 'express';
import { healthRoutes } from './health/health-routes';
import type { ServerDeps } from './server-deps';

/**
 * Mounts every feature. Each feature folder (health/, shopify/, bridge/,
 * account/, ops/) exports one router factory taking `ServerDeps`.
 */
export function mountRoutes(app: Router, deps: ServerDeps): void {
  app.use(healthRoutes(deps));
}
