import { Router } from 'express';
import type { ServerDeps } from '../server-deps';
import { checkReadiness } from './check-readiness';

const DEFAULT_READINESS_TIMEOUT_MS = 2000;

/**
 * `/healthz`: the process answers (liveness). `/readyz`: the database and
 * Redis answer too (readiness), 503 naming the one that does not.
 */
export function healthRoutes(deps: ServerDeps): Router {
  const router = Router();
  const timeoutMs = deps.options?.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const { ready, checks } = await checkReadiness({ db: deps.db, redis: deps.redis, timeoutMs });
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ok' : 'unavailable', checks });
  });

  return router;
}
