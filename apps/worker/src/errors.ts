import { DomainError } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** The one error family of @dropship/worker. */
export class WorkerError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}
