import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import express from 'express';
import type { Express } from 'express';
import { bodyParsers } from './http/body-parsers';
import { createLane } from './http/lane';
import { eventLaneRoutes } from './bridge';
import { shopifyWebhookLaneRoutes } from './shopify/webhook-routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { rateLimits } from './http/rate-limit';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { mountRoutes } from './routes';
import type { ServerDeps } from './server-deps';

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The server's request listener: the lane for the signed high-volume
 * endpoints, express for everything else.
 */
export interface ServerApp {
  (req: IncomingMessage, res: ServerResponse): void;
  /** The express application behind the lane: every route, the lane's included. */
  readonly express: Express;
  /** Listens on a new HTTP server, as express's app.listen. */
  listen(port: number, host: string, callback?: () => void): Server;
}

/** The express application: every route, each with its middleware. */
function createExpressApp(deps: ServerDeps, bodyLimit: number): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip, which rate limits count by, is the client's only through the proxies named here.
  app.set('trust proxy', deps.config.trustProxy);
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
  app.use(bodyParsers(bodyLimit));
  mountRoutes(app, deps);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** Builds the application; it opens nothing and listens nowhere. */
export function createApp(deps: ServerDeps): ServerApp {
  const bodyLimit = deps.options?.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = createExpressApp(deps, bodyLimit);
  const lane = createLane({
    routes: [...shopifyWebhookLaneRoutes(deps), ...eventLaneRoutes(deps)],
    log: deps.log,
    bodyLimit,
    production: deps.config.isProduction,
  });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!lane(req, res)) app(req, res);
  };
  return Object.assign(listener, {
    express: app,
    listen: (port: number, host: string, callback?: () => void) =>
      createServer(listener).listen(port, host, callback),
  });
}
