import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set by requestContext. */
    id: string;
    /** This request's logger: every line carries the request; bindings set on it reach the request's line. */
    log: Logger;
  }
  interface ServerResponse {
    /** The error the error handler answered, attached to the request's log line. */
    err?: Error;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Accept a caller's id only when it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The incoming X-Request-Id when it is sane, else a fresh UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * A request's log level: 503 (a dependency is down, the sender retries) and
 * 4xx warn, even with the refusal's error attached (a client's mistake pages
 * nobody); other failures are errors.
 */
export function logLevelFor(statusCode: number, error: Error | undefined): 'error' | 'warn' | 'info' {
  if (statusCode >= 500) return statusCode === 503 ? 'warn' : 'error';
  if (statusCode >= 400) return 'warn';
  return error ? 'error' : 'info';
}

// Liveness probes hit every few seconds; their lines would drown the rest.
const UNLOGGED_PATHS = new Set(['/healthz']);

/**
 * One JSON log line per request (`request completed`, or `request errored`
 * with the error), with a request id that is echoed in the response and
 * available to handlers as `req.id` / `req.log`. The request's child logger is
 * made only when a handler asks for it, so most requests pay for one line.
 * Paths are logged without query strings, which can carry HMACs and keys.
 */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFor(req);
    res.setHeader(REQUEST_ID_HEADER, id);
    req.id = id;
    const path = (req.originalUrl || req.url || '').split('?')[0] ?? '';
    const described = { id, method: req.method, path, remoteAddress: req.socket.remoteAddress };
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= log.child({ req: described })),
    });
    if (UNLOGGED_PATHS.has(path)) return next();
    const started = Date.now();
    let logged = false;
    const finish = (failure?: unknown) => {
      if (logged) return;
      logged = true;
      res.off('finish', finish);
      res.off('close', finish);
      res.off('error', finish);
      const error =
        (failure instanceof Error ? failure : undefined) ??
        res.err ??
        (res.statusCode >= 500 ? new Error(`failed with status code ${res.statusCode}`) : undefined);
      const fields = {
        ...(child ? {} : { req: described }),
        res: { statusCode: res.statusCode },
        ...(error ? { err: error } : {}),
        responseTime: Date.now() - started,
      };
      (child ?? log)[logLevelFor(res.statusCode, error)](
        fields,
        error ? 'request errored' : 'request completed',
      );
    };
    res.on('finish', finish);
    res.on('close', finish);
    res.on('error', finish);
    next();
  };
}
