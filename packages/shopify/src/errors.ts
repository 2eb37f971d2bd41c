import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';
import {
  BillingError,
  BotActivityDetected,
  CookieNotFound,
  GraphqlQueryError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpRetriableError,
  InvalidHmacError,
  InvalidJwtError,
  InvalidOAuthError,
  InvalidShopError,
  MissingJwtTokenError,
} from '@shopify/shopify-api';

/** The one error class of @dropship/shopify. `details.operation` names what was being done. */
export class ShopifyAdapterError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}

/** Shopify's body for a revoked or unknown access token (401 on every Admin API call after an uninstall). */
export const REVOKED_TOKEN_MESSAGE =
  '[API] Invalid API key or access token (unrecognized login or wrong password)';

interface ErrorContext {
  operation: string;
  shop?: string;
}

function statusError(error: HttpResponseError, context: ErrorContext): ShopifyAdapterError {
  const { code } = error.response;
  const where = context.shop ? ` for ${context.shop}` : '';
  const details = { ...context, status: code };
  if (code === 401) {
    return new ShopifyAdapterError(
      ErrorKinds.unauthorized,
      `Shopify refused the access token${where} (401 during ${context.operation}): the app was uninstalled or the token revoked. ` +
        'Stop calling the Admin API for this shop; a new install grants a new token.',
      details,
    );
  }
  if (code === 402 || code === 403 || code === 423) {
    return new ShopifyAdapterError(
      ErrorKinds.forbidden,
      `Shopify forbade ${context.operation}${where} (${code}): the shop is frozen, locked or the app lacks an access scope. ` +
        'Check the granted scopes and the shop status.',
      details,
    );
  }
  if (code === 404) {
    return new ShopifyAdapterError(
      ErrorKinds.notFound,
      `Shopify answered 404 to ${context.operation}${where}: the shop or API version does not exist.`,
      details,
    );
  }
  if (error instanceof HttpRetriableError || code >= 500 || code === 429) {
    return new ShopifyAdapterError(
      ErrorKinds.unavailable,
      `Shopify is unavailable or throttling${where} (${code} during ${context.operation}); retry later.`,
      details,
    );
  }
  return new ShopifyAdapterError(
    ErrorKinds.invalidInput,
    `Shopify rejected ${context.operation}${where} (${code}): ${error.message}`,
    details,
  );
}

/**
 * Turns whatever the library (or fetch) threw into a ShopifyAdapterError with a
 * kind the caller can branch on. Already-mapped errors pass through.
 */
export function toShopifyAdapterError(error: unknown, context: ErrorContext): ShopifyAdapterError {
  if (error instanceof ShopifyAdapterError) return error;
  if (error instanceof HttpResponseError) return statusError(error, context);
  const message = error instanceof Error ? error.message : String(error);
  const details: Record<string, unknown> = { ...context, cause: message };
  if (error instanceof BillingError) {
    details.errorData = error.errorData;
    return new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `Shopify refused the billing request during ${context.operation}: ${message}. See details.errorData.`,
      details,
    );
  }
  if (error instanceof GraphqlQueryError) {
    details.body = error.body;
    return new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `The Admin GraphQL query of ${context.operation} failed: ${message}. The query does not match the API version.`,
      details,
    );
  }
  if (
    error instanceof InvalidOAuthError ||
    error instanceof CookieNotFound ||
    error instanceof InvalidHmacError ||
    error instanceof InvalidJwtError ||
    error instanceof MissingJwtTokenError ||
    error instanceof BotActivityDetected
  ) {
    return new ShopifyAdapterError(
      ErrorKinds.unauthorized,
      `${context.operation} could not be authenticated: ${message}. Start the install again from the Shopify admin.`,
      details,
    );
  }
  if (error instanceof InvalidShopError) {
    return new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `"${context.shop ?? ''}" is not a valid shop domain; expected <name>.myshopify.com.`,
      details,
    );
  }
  if (
    error instanceof HttpRequestError ||
    error instanceof HttpMaxRetriesError ||
    error instanceof TypeError
  ) {
    return new ShopifyAdapterError(
      ErrorKinds.unavailable,
      `Shopify could not be reached during ${context.operation}: ${message}. Retry later.`,
      details,
    );
  }
  return new ShopifyAdapterError(ErrorKinds.unavailable, `${context.operation} failed: ${message}`, details);
}
