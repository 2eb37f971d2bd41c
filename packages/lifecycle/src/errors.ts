import { DomainError } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** The one error family of @dropship/lifecycle. */
export class LifecycleError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}
