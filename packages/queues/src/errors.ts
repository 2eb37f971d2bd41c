import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';

/** The one error family of @dropship/queues. */
export class QueueError extends DomainError {
  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(kind, message, details);
  }
}

/** A job payload does not match its schema: the job can never succeed as it is. */
export class InvalidJobPayloadError extends QueueError {
  readonly jobName: string;
  readonly issues: readonly string[];

  constructor(jobName: string, issues: readonly string[]) {
    super(
      ErrorKinds.invalidInput,
      `Invalid payload for job "${jobName}": ${issues.join('; ')}. Fix the producer that built it; retrying the same payload cannot succeed.`,
      { jobName, issues },
    );
    this.jobName = jobName;
    this.issues = issues;
  }
}

/** Redis does not answer (or refused the command) for a producer. */
export class QueueUnavailableError extends QueueError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorKinds.unavailable, message, details);
  }
}
