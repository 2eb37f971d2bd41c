import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { bodyBytesOf } from './body-parsers';
import { failureBody, toHttpFailure } from './error-handler';
import { logLevelFor, REQUEST_ID_HEADER, requestIdFor } from './request-context';
import { responseHeadersFor } from './security-headers';

/**
 * A request as a signed endpoint sees it, whichever way it came in: the exact
 * bytes of its body (every signed endpoint verifies those), its headers, and
 * its id. Nothing of node's or express's objects, so one handler serves the
 * lane and the routers alike.
 */
export interface EndpointRequest {
  readonly method: string;
  /** The path as sent, without the query string. */
  readonly path: string;
  /** The route's path pattern: a fixed label for metrics. */
  readonly route: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The request id (X-Request-Id), also the correlation id of what the request causes. */
  readonly id: string;
  /** Adds fields to the request's one log line. */
  annotate(fields: Record<string, unknown>): void;
}

/** What the endpoint answers: a status and a JSON body. Thrown errors answer as the error handler does. */
export interface EndpointAnswer {
  status: number;
  body: unknown;
}

export type Endpoint = (request: EndpointRequest) => Promise<EndpointAnswer>;

export interface LaneRoute {
  method: 'POST';
  /** The exact path; any other spelling (trailing slash, case) goes to the routers. */
  path: string;
  endpoint: Endpoint;
  /** Answers a body over the app's limit, when the endpoint's protocol has its own refusal (body empty). */
  bodyTooLarge?: Endpoint;
}

/** An express request as an endpoint sees it; `route` labels it (the router's path pattern). */
export function endpointRequestOf(req: Request, route: string): EndpointRequest {
  return {
    method: req.method,
    path: req.originalUrl.split('?')[0] ?? req.path,
    route,
    headers: req.headers,
    body: bodyBytesOf(req),
    id: req.id,
    annotate: (fields) => req.log.setBindings(fields),
  };
}

/**
 * The endpoint as an express handler, for the requests the lane leaves to
 * the routers (a compressed body, another spelling of the path) and for the
 * routes only the routers serve.
 */
export function expressEndpoint(route: string, endpoint: Endpoint): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    endpoint(endpointRequestOf(req, route)).then((answer) => {
      res.status(answer.status).json(answer.body);
    }, next);
  };
}

export interface LaneOptions {
  routes: readonly LaneRoute[];
  log: Logger;
  /** Largest body read, in bytes; larger ones answer 413. */
  bodyLimit: number;
  production: boolean;
}

/** Answers `handled` false when the request is not the lane's: the caller hands it to the app. */
export type Lane = (req: IncomingMessage, res: ServerResponse) => boolean;

const JSON_TYPE = 'application/json; charset=utf-8';

// The errors body-parser raises, so toHttpFailure answers them as on the routed path.
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: true });
}

function hasEncodedBody(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return encoding !== undefined && encoding.toLowerCase() !== 'identity';
}

/**
 * Reads the body's bytes up to `limit`. A declared length over the limit is
 * refused before anything is read; a chunked body as soon as it passes it
 * (the rest is read and dropped, so the connection stays usable).
 */
function readBody(req: IncomingMessage, limit: number, done: (error: Error | null, body?: Buffer) => void) {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = () => bodyError(413, 'entity.too.large', 'request entity too large');
  if (declared > limit) {
    req.resume();
    done(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    chunks.length = 0;
    done(error);
  };
  req.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > limit) fail(tooLarge());
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (!failed) done(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  });
  req.on('aborted', () => fail(bodyError(400, 'request.aborted', 'request aborted')));
  req.on('error', fail);
}

/**
 * The high-volume signed endpoints (Shopify webhooks, plugin events) answered
 * straight from node:http, ahead of express: the same request id, security
 * headers, error bodies and one log line per request as the app gives, with
 * none of its per-request setup. Any other request, or these with a
 * compressed body, is left to the app (`false`).
 */
export function createLane(options: LaneOptions): Lane {
  const routes = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route]));
  // The lane's paths are fixed, so are their security headers.
  const securityHeaders = new Map(
    options.routes.map((route) => [route.path, responseHeadersFor(route.path, options.production)]),
  );
  const { log } = options;
  return (req, res) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const route = routes.get(`${req.method} ${path}`);
    if (route === undefined || hasEncodedBody(req)) return false;

    const started = Date.now();
    const id = requestIdFor(req);
    const annotations: Record<string, unknown> = {};
    const answer = (status: number, body: unknown, error?: Error) => {
      const json = JSON.stringify(body);
      const headers: Record<string, string | number> = {
        ...securityHeaders.get(path),
        [REQUEST_ID_HEADER]: id,
        'Content-Type': JSON_TYPE,
        'Content-Length': Buffer.byteLength(json),
      };
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(status, headers);
        res.end(json);
      }
      const failure = error ?? (status >= 500 ? new Error(`failed with status code ${status}`) : undefined);
      log[logLevelFor(status, failure)](
        {
          req: { id, method: req.method, path, remoteAddress: req.socket.remoteAddress },
          ...annotations,
          res: { statusCode: status },
          ...(failure ? { err: failure } : {}),
          responseTime: Date.now() - started,
        },
        failure ? 'request errored' : 'request completed',
      );
    };
    const fail = (error: unknown) => {
      const failure = toHttpFailure(error);
      answer(
        failure.status,
        failureBody(failure, id),
        error instanceof Error ? error : new Error(String(error)),
      );
    };

    readBody(req, options.bodyLimit, (error, body) => {
      const tooLarge = (error as { type?: string } | null)?.type === 'entity.too.large';
      const endpoint = tooLarge ? route.bodyTooLarge : route.endpoint;
      if (error && (!tooLarge || endpoint === undefined)) return fail(error);
      const request: EndpointRequest = {
        method: 'POST',
        path,
        route: route.path,
        headers: req.headers,
        body: body ?? Buffer.alloc(0),
        id,
        annotate: (fields) => Object.assign(annotations, fields),
      };
      let pending: Promise<EndpointAnswer>;
      try {
        pending = (endpoint as Endpoint)(request);
      } catch (thrown) {
        return fail(thrown);
      }
      pending.then((result) => answer(result.status, result.body), fail);
    });
    return true;
  };
}
