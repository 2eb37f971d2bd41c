import { ErrorKinds } from '@dropship/core';
import { WooConnectorError } from '../errors';

/** What went wrong with one REST call, read from an axios error. */
export interface WooFailure {
  status: number | null;
  /** WordPress error code from the `{code, message, data:{status}}` body. */
  code: string | null;
  message: string | null;
  retryAfterMs: number | null;
  /** Socket-level error code (ECONNRESET, ECONNABORTED, …) when there was no answer. */
  networkCode: string | null;
}

export const WooErrorCodes = {
  authenticationError: 'woocommerce_rest_authentication_error',
  cannotView: 'woocommerce_rest_cannot_view',
  missingParameter: 'woocommerce_rest_authentication_missing_parameter',
} as const;

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ERR_NETWORK',
]);

interface AxiosLikeError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

export function readFailure(error: unknown, now: Date = new Date()): WooFailure {
  const e = (error ?? {}) as AxiosLikeError;
  const response = e.response;
  const body = (response?.data ?? null) as { code?: unknown; message?: unknown } | null;
  return {
    status: typeof response?.status === 'number' ? response.status : null,
    code: body && typeof body.code === 'string' ? body.code : null,
    message: body && typeof body.message === 'string' ? body.message : response ? null : (e.message ?? null),
    retryAfterMs: parseRetryAfter(response?.headers?.['retry-after'], now),
    networkCode: response ? null : (e.code ?? 'ERR_NETWORK'),
  };
}

/** `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now: Date): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export function isRetryable(failure: WooFailure): boolean {
  if (failure.status !== null) return RETRYABLE_STATUSES.has(failure.status);
  return failure.networkCode !== null && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
}

/**
 * Over https WooCommerce reads Basic credentials; when the host strips the
 * Authorization header (woocommerce#12230) the request arrives anonymous and the
 * route answers 401 `woocommerce_rest_cannot_view`. An unknown key answers the same,
 * so only a retry with query-string credentials tells the two apart.
 */
export function looksLikeStrippedAuthorization(failure: WooFailure): boolean {
  return failure.status === 401 && failure.code === WooErrorCodes.cannotView;
}

// English-only: WordPress translates messages, so on other locales these transient cases read as revoked keys.
const TRANSIENT_AUTH_MESSAGE = /timestamp|nonce/i;

export interface ToWooErrorContext {
  siteUrl: string;
  endpoint: string;
  attempts: number;
}

export function toWooError(failure: WooFailure, context: ToWooErrorContext): WooConnectorError {
  const where = `WooCommerce at ${context.siteUrl} (${context.endpoint})`;
  const said = failure.message ? `: ${failure.message}` : '';
  const details = {
    status: failure.status ?? undefined,
    code: failure.code ?? failure.networkCode ?? undefined,
    attempts: context.attempts,
    endpoint: context.endpoint,
    retryAfterMs: failure.retryAfterMs ?? undefined,
  };
  switch (failure.status) {
    case 401: {
      const revokedCode =
        failure.code === WooErrorCodes.authenticationError || failure.code === WooErrorCodes.cannotView;
      const transient =
        failure.code === WooErrorCodes.authenticationError &&
        TRANSIENT_AUTH_MESSAGE.test(failure.message ?? '');
      if (!revokedCode || transient) {
        // Clock skew, a reused nonce, or OAuth parameters lost on the way: the keys themselves may be fine.
        return new WooConnectorError(
          ErrorKinds.unauthorized,
          `${where} refused the request${said}. Check the server clock and that the host passes query strings intact, then retry.`,
          { ...details, keysRevoked: false },
        );
      }
      return new WooConnectorError(
        ErrorKinds.unauthorized,
        `${where} no longer accepts the store's REST keys${said}. The keys were revoked or their WordPress user deleted: mark them revoked and ask the owner to reconnect the store.`,
        { ...details, keysRevoked: true },
      );
    }
    case 403:
      return new WooConnectorError(
        ErrorKinds.forbidden,
        `${where} denied access${said}. The key's user lacks the capability: reconnect with a shop manager or administrator.`,
        details,
      );
    case 404:
      return new WooConnectorError(ErrorKinds.notFound, `${where} has no such resource${said}.`, details);
    case 400:
      return new WooConnectorError(
        ErrorKinds.invalidInput,
        `${where} rejected the request parameters${said}.`,
        details,
      );
    default:
      return new WooConnectorError(
        ErrorKinds.unavailable,
        `${where} did not answer usefully (${failure.status ?? failure.networkCode ?? 'no response'})${said} after ${context.attempts} attempt(s). Retry later.`,
        details,
      );
  }
}
