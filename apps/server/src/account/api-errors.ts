import type { ErrorRequestHandler } from 'express';
import { isDomainError } from '@dropship/core';
import { BillingError } from '@dropship/billing';
import { toHttpFailure } from '../http/error-handler';
import { AccountAreaError } from './auth/account-error';

/**
 * The merchant API's error body (docs/api.md): `{error: {kind, message, details}}`.
 * Details of billing and account-area errors are meant for the caller
 * (alternatives, the subscriptions to cancel first), so they are kept for every kind.
 */
export const merchantApiErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const failure = toHttpFailure(error);
  const ownDetails = error instanceof BillingError || error instanceof AccountAreaError;
  const details = ownDetails && isDomainError(error) ? error.details : failure.details;
  res.err = error instanceof Error ? error : new Error(String(error));
  res.status(failure.status).json({
    error: {
      kind: failure.code,
      code: failure.code,
      message: failure.message,
      requestId: req.id,
      ...(details && Object.keys(details).length > 0 ? { details } : {}),
    },
  });
};
