import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** Failures of the account area (authentication, CSRF, tenancy), with details meant for the caller. */
export class AccountAreaError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}

export const notFound = (what: string, id: string) =>
  new AccountAreaError(
    ErrorKinds.notFound,
    `No ${what} ${id} in your account. Reload the page and pick one from the list.`,
    {
      id,
    },
  );
