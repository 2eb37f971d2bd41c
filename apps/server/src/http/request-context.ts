import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Accept a caller's id only when it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The incoming X-Request-Id when it is sane, else a fresh UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function logLevelFor(_req: IncomingMessage, res: ServerResponse, error?: Error) {
  if (error || res.statusCode >= 500) return res.statusCode === 503 ? 'warn' : 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * One JSON log line per request, with a request id that is echoed in the
 * response and available to handlers as `req.id` / `req.log`.
 */
export function requestContext(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const id = requestIdFor(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel: logLevelFor,
    // Liveness probes hit every few seconds; their lines would drown the rest.
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    serializers: {
      // Paths only: query strings can carry HMACs and WooCommerce keys.
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
