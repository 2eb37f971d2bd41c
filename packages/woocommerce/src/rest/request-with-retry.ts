import { isRetryable, looksLikeStrippedAuthorization, readFailure, toWooError } from './classify-failure';
import type { WooFailure } from './classify-failure';
import { WooConnectorError } from '../errors';
import { ErrorKinds } from '@dropship/core';

/** What one HTTP call returned, library-independent. */
export interface RawWooResponse {
  data: unknown;
  headers: Record<string, unknown>;
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RequestWithRetryParams {
  siteUrl: string;
  endpoint: string;
  policy: RetryPolicy;
  isHttps: boolean;
  /** Whether the query-string credentials are in use for this call's first attempt. */
  queryStringAuth: () => boolean;
  /** Performs the call with the given auth mode. */
  call: (queryStringAuth: boolean) => Promise<RawWooResponse>;
  /** Called once a query-string retry succeeded after the header was stripped. */
  onQueryStringAuthWorked: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function backoffMs(attempt: number, failure: WooFailure, policy: RetryPolicy): number {
  if (failure.retryAfterMs !== null) return failure.retryAfterMs;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  // Jitter in [50 %, 100 %] keeps many workers from retrying in lock-step.
  return Math.min(policy.maxDelayMs, exponential * (0.5 + Math.random() / 2));
}

/**
 * Runs one REST call with the connector's failure policy: retries 429 / 5xx /
 * network errors with backoff (honouring Retry-After), falls back once to
 * query-string credentials when an https host strips the Authorization header,
 * and turns every other failure into a WooConnectorError.
 */
export async function requestWithRetry(params: RequestWithRetryParams): Promise<RawWooResponse> {
  const { policy } = params;
  let queryString = params.queryStringAuth();
  let triedQueryString = queryString || !params.isHttps;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await params.call(queryString);
      if (queryString && !params.queryStringAuth()) params.onQueryStringAuthWorked();
      return response;
    } catch (error) {
      if (error instanceof WooConnectorError) throw error;
      const failure = readFailure(error);
      if (!triedQueryString && looksLikeStrippedAuthorization(failure)) {
        triedQueryString = true;
        queryString = true;
        attempt--; // the fallback is a different question, not a retry of the same one
        continue;
      }
      const context = { siteUrl: params.siteUrl, endpoint: params.endpoint, attempts: attempt };
      if (!isRetryable(failure) || attempt > policy.retries) throw toWooError(failure, context);
      const delay = backoffMs(attempt, failure, policy);
      if (delay > policy.maxDelayMs) {
        throw new WooConnectorError(
          ErrorKinds.unavailable,
          `WooCommerce at ${params.siteUrl} asked to wait ${Math.ceil(delay / 1000)} s before retrying ${params.endpoint}; reschedule the job instead of waiting.`,
          {
            status: failure.status ?? undefined,
            code: failure.code ?? undefined,
            attempts: attempt,
            endpoint: params.endpoint,
            retryAfterMs: delay,
          },
        );
      }
      await sleep(delay);
    }
  }
}
