import { DomainError } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** The one error family of @dropship/billing; `details` are meant for the caller (alternatives, ids). */
export class BillingError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}
