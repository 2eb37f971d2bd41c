import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import getRawBody from 'raw-body';
import { keepRawBody } from './body-parsers';

/** A route taken straight from the app's middleware, before the body parsers and the routers. */
export interface DirectRoute {
  method: 'POST';
  /** The exact path; any other spelling (trailing slash, case) goes the usual way. */
  path: string;
  /** The route's handlers, the same ones its router mounts. */
  handlers: readonly RequestHandler[];
}

export interface DirectRoutesOptions {
  /** The app's body limit, as body-parser reads it (`1mb`, `64kb`). */
  bodyLimit: string;
  routes: readonly DirectRoute[];
}

function hasEncodedBody(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return encoding !== undefined && encoding.toLowerCase() !== 'identity';
}

/**
 * Reads the body's bytes with the reader body-parser uses (raw-body): the
 * same limit syntax and the same errors (entity.too.large, request.aborted,
 * request.size.invalid), so the error handlers answer them as before.
 */
function readBody(req: Request, limit: string, done: (error?: Error) => void): void {
  getRawBody(req, { limit, length: req.headers['content-length'] }).then(
    (body) => {
      keepRawBody(req, undefined, body);
      req.body = body;
      done();
    },
    (error: Error) => {
      // What is left of the upload is read and discarded, as body-parser does.
      req.resume();
      done(error);
    },
  );
}

/** Runs `handlers` in order as a router would: next() goes on, next(error) or a rejection leaves with the error. */
function runHandlers(handlers: readonly RequestHandler[], req: Request, res: Response, leave: NextFunction) {
  let index = 0;
  const next: NextFunction = (error?: unknown) => {
    if (error !== undefined && error !== 'route' && error !== 'router') return leave(error);
    const handler = handlers[index];
    index += 1;
    if (!handler) return leave();
    try {
      const result: unknown = handler(req, res, next);
      if (result instanceof Promise) result.catch(leave);
    } catch (thrown) {
      leave(thrown);
    }
  };
  next();
}

/**
 * The high-volume signed endpoints (webhooks, plugin events) go from the
 * app's first middleware (request id, log line, security headers, rate
 * limits) straight to their handlers: their bodies are read as bytes (every
 * one of them is verified on its exact bytes) and the routers' hundred-odd
 * layers are not walked for them. Errors leave through the app's own error
 * handlers, so answers are those of the routed path. A compressed body, or
 * any other method or spelling of the path, takes the routed path.
 */
export function directRoutes(options: DirectRoutesOptions): RequestHandler {
  const byKey = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route]));
  return (req, res, next) => {
    const route = byKey.get(`${req.method} ${req.path}`);
    if (route === undefined || hasEncodedBody(req)) return next();
    // What a router would have set: handlers label their metrics with the route's path.
    req.route = { path: route.path };
    readBody(req, options.bodyLimit, (error) =>
      error ? next(error) : runHandlers(route.handlers, req, res, next),
    );
  };
}
