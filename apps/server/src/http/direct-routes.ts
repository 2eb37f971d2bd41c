import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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
  /** The app's body limit, as body-parser reads it (`1mb`, `64kb`, a number of bytes). */
  bodyLimit: string;
  routes: readonly DirectRoute[];
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `1mb` → 1048576, as body-parser counts. */
export function parseByteLimit(limit: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) throw new Error(`Body limit "${limit}" is not a size such as 100kb or 1mb.`);
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
}

// The errors body-parser raises, so the error handlers answer them the same way.
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

function hasEncodedBody(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return encoding !== undefined && encoding.toLowerCase() !== 'identity';
}

/** Reads the body's bytes up to `limit`, as the raw parser would; `done(error)` on 413 or an aborted upload. */
function readBody(req: Request, limit: number, done: (error?: Error) => void): void {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    // Never read: the rest of the upload is discarded.
    req.resume();
    done(bodyError(413, 'entity.too.large', 'request entity too large'));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error?: Error) => {
    if (settled) return;
    settled = true;
    done(error);
  };
  req.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limit) settle(bodyError(413, 'entity.too.large', 'request entity too large'));
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (settled) return;
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    keepRawBody(req, undefined, body);
    req.body = body;
    settle();
  });
  req.on('error', () => settle(bodyError(400, 'request.aborted', 'request aborted')));
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
  const limit = parseByteLimit(options.bodyLimit);
  const byKey = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route]));
  return (req, res, next) => {
    const route = byKey.get(`${req.method} ${req.path}`);
    if (route === undefined || hasEncodedBody(req)) return next();
    // What a router would have set: handlers label their metrics with the route's path.
    req.route = { path: route.path };
    readBody(req, limit, (error) => (error ? next(error) : runHandlers(route.handlers, req, res, next)));
  };
}
