import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorKind } from '@dropship/core';
import { ErrorKinds, isDomainError } from '@dropship/core';
import { ServerError } from '../errors';

/** The one mapping from domain error kinds to HTTP statuses. */
export const statusByKind: Readonly<Record<ErrorKind, number>> = {
  [ErrorKinds.invalidInput]: 400,
  [ErrorKinds.unauthorized]: 401,
  [ErrorKinds.forbidden]: 403,
  [ErrorKinds.notFound]: 404,
  [ErrorKinds.conflict]: 409,
  [ErrorKinds.illegalTransition]: 409,
  [ErrorKinds.unavailable]: 503,
};

/** What a client is told about a failure. */
export interface HttpFailure {
  status: number;
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>>;
}

interface HttpLikeError {
  status: number;
  type?: string;
  expose?: boolean;
  message: string;
}

// body-parser raises http-errors: a status, a `type`, and `expose` for client faults.
function isHttpLikeError(error: unknown): error is HttpLikeError {
  return error instanceof Error && typeof (error as Partial<HttpLikeError>).status === 'number';
}

const bodyErrors: Record<string, Omit<HttpFailure, 'message'> & { message: string }> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  'entity.parse.failed': {
    status: 400,
    code: 'MALFORMED_BODY',
    message: 'The request body is not valid JSON.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_ENCODING',
    message: 'The content encoding is not supported.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_CHARSET',
    message: 'The body charset is not supported.',
  },
};

const internal: HttpFailure = {
  status: 500,
  code: 'INTERNAL',
  message:
    'Something went wrong on our side. Try again; if it persists, contact support with the request id.',
};

/** Maps any thrown value to a status and a message that is safe to show. */
export function toHttpFailure(error: unknown): HttpFailure {
  if (isDomainError(error)) {
    const failure = { status: statusByKind[error.kind], code: error.kind, message: error.message };
    // Only input errors carry details meant for the caller (which field, which rule).
    return error.kind === ErrorKinds.invalidInput ? { ...failure, details: error.details } : failure;
  }
  if (isHttpLikeError(error)) {
    const known = error.type ? bodyErrors[error.type] : undefined;
    if (known) return known;
    if (error.status >= 400 && error.status < 500 && error.expose !== false) {
      return { status: error.status, code: 'BAD_REQUEST', message: error.message };
    }
  }
  return internal;
}

/** Every failure's body: `{error: {code, message, requestId, details?}}`. */
export function failureBody(failure: HttpFailure, requestId: string) {
  return {
    error: {
      code: failure.code,
      message: failure.message,
      requestId,
      ...(failure.details && Object.keys(failure.details).length > 0 ? { details: failure.details } : {}),
    },
  };
}

/** The last middleware: every failure becomes failureBody. */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const failure = toHttpFailure(error);
  // requestContext attaches res.err to the request's log line (with the stack for 5xx).
  res.err = error instanceof Error ? error : new Error(String(error));
  res.status(failure.status).json(failureBody(failure, req.id));
};

/** Unknown routes answer a JSON 404 through the same error path. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new ServerError(ErrorKinds.notFound, `No route for ${req.method} ${req.path}. Check the URL and method.`),
  );
};
