/**
 * The one error family of the domain. Every package has its own subclass with
 * the same kinds, so HTTP handlers and job processors map kinds to status codes
 * and retry decisions in one place.
 */
export const ErrorKinds = {
  invalidInput: 'INVALID_INPUT',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  illegalTransition: 'ILLEGAL_TRANSITION',
  unavailable: 'UNAVAILABLE',
} as const;
export type ErrorKind = (typeof ErrorKinds)[keyof typeof ErrorKinds];

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** What every illegal transition reports, so callers and logs can branch without parsing the message. */
export interface IllegalTransitionDetails {
  /** The state machine: `store`, `subscription`, `account`. */
  machine: string;
  from: string;
  transition: string;
  /** The states from which the transition is legal (from the machine's table). */
  allowedFrom: readonly string[];
  entityId?: string;
  /** Set when the table allows the move but a rule refuses it (provider, period end, …). */
  rule?: string;
}

/**
 * A state machine refused a transition. Thrown by the `apply…Transition`
 * functions; callers that may see duplicates or out-of-order events check
 * `can…Transition` first instead of catching this.
 */
export class IllegalTransitionError extends DomainError {
  declare readonly details: Readonly<IllegalTransitionDetails>;

  constructor(details: IllegalTransitionDetails, message: string) {
    super(ErrorKinds.illegalTransition, message, { ...details });
  }
}

/** A value handed to the domain is malformed (missing reason, bad currency, …). */
export class InvalidInputError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorKinds.invalidInput, message, details);
  }
}
