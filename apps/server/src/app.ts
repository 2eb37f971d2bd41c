import express from 'express';
import type { Express } from 'express';
import { bodyParsers } from './http/body-parsers';
import { directRoutes } from './http/direct-routes';
import { eventDirectRoutes } from './bridge';
import { shopifyWebhookDirectRoutes } from './shopify/webhook-routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { rateLimits } from './http/rate-limit';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { mountRoutes } from './routes';
import type { ServerDeps } from './server-deps';

const DEFAULT_BODY_LIMIT = '1mb';

/** Builds the express application; it opens nothing and listens nowhere. */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(deps.log));
  app.use(securityHeaders({ production: deps.config.isProduction }));
  // Before the body parsers: a flood of sign-in attempts is refused without reading its bodies.
  app.use(
    rateLimits({
      redis: deps.redis,
      keyPrefix: deps.queues.prefix,
      log: deps.log,
      ...(deps.options?.rateLimits ? { limits: deps.options.rateLimits } : {}),
    }),
  );
  const bodyLimit = deps.options?.bodyLimit ?? DEFAULT_BODY_LIMIT;
  app.use(
    directRoutes({ bodyLimit, routes: [...shopifyWebhookDirectRoutes(deps), ...eventDirectRoutes(deps)] }),
  );
  app.use(bodyParsers(bodyLimit));
  mountRoutes(app, deps);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
