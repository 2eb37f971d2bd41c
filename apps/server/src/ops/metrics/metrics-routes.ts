import { Router } from 'express';
import { Registry } from 'prom-client';
import { ErrorKinds } from '@dropship/core';
import { ServerError } from '../../errors';
import { bearerTokenOf, secretsEqual } from '../../http/secret-tokens';
import type { ServerDeps } from '../../server-deps';
import { processRegistry } from './process-metrics';
import { createScrapeRegistry } from './scrape-collectors';

/** GET /metrics in the Prometheus text format, for a scraper holding METRICS_TOKEN. */
export function metricsRoutes(deps: ServerDeps): Router {
  const scrapeRegistry = createScrapeRegistry(deps);
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const token = bearerTokenOf(req.headers.authorization);
    if (token === undefined || !secretsEqual(token, deps.config.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ServerError(
        ErrorKinds.unauthorized,
        'Metrics need "Authorization: Bearer <METRICS_TOKEN>" (set bearer_token_file in the Prometheus scrape config).',
      );
    }
    const [own, scraped] = await Promise.all([processRegistry.metrics(), scrapeRegistry.metrics()]);
    res.setHeader('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    res.send(`${own}\n${scraped}`);
  });
  return router;
}
