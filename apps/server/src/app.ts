import express from 'express';
import type { Express } from 'express';
import { bodyParsers } from './http/body-parsers';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestContext } from './http/request-context';
import { mountRoutes } from './routes';
import type { ServerDeps } from './server-deps';

const DEFAULT_BODY_LIMIT = '1mb';

/** Builds the express application; it opens nothing and listens nowhere. */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(deps.log));
  app.use(bodyParsers(deps.options?.bodyLimit ?? DEFAULT_BODY_LIMIT));
  mountRoutes(app, deps);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
