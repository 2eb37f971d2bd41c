import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** What a WooCommerce failure carries besides its kind and message. */
export interface WooErrorDetails {
  /** HTTP status the store answered, when there was an answer. */
  status?: number;
  /** WooCommerce / WordPress error code (`woocommerce_rest_authentication_error`, …). */
  code?: string;
  /** True when the store no longer knows the consumer key: mark the store's keys revoked and ask for a reconnection. */
  keysRevoked?: boolean;
  /** Attempts made before giving up (retries included). */
  attempts?: number;
  endpoint?: string;
  [key: string]: unknown;
}

/** The one error class of @dropship/woocommerce; `kind` says how callers should react. */
export class WooConnectorError extends DomainError {
  declare readonly details: Readonly<WooErrorDetails>;

  constructor(kind: ErrorKind, message: string, details: WooErrorDetails = {}) {
    super(kind, message, { ...details });
  }

  /** True when the store's REST keys are gone (deleted, or their WordPress user deleted). */
  get keysRevoked(): boolean {
    return this.details.keysRevoked === true;
  }
}

export function isWooConnectorError(error: unknown): error is WooConnectorError {
  return error instanceof WooConnectorError;
}

export function invalidOptions(what: string, problems: string): WooConnectorError {
  return new WooConnectorError(
    ErrorKinds.invalidInput,
    `Invalid ${what}: ${problems}. Fix the configuration passed to it.`,
  );
}
