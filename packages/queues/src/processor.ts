import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { ErrorKinds, isDomainError } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';
import { QueueError } from './errors';
import type { QueueLogger } from './logger';
import type { JobName } from './names';
import type { JobPayloads } from './payloads';

/** What a processor receives besides its validated payload. */
export interface ProcessorContext {
  job: Job;
  /** Aborted when the worker cancels the job or is force-closed: stop early, stay idempotent. */
  signal: AbortSignal;
  log: QueueLogger;
}

/** Handles one job name. Must be idempotent: BullMQ delivers at least once. */
export type JobProcessor<N extends JobName> = (
  payload: JobPayloads[N],
  ctx: ProcessorContext,
) => Promise<unknown>;

/** One processor per job name. */
export type Processors = { [N in JobName]: JobProcessor<N> };

/** Returned when a job has nothing to do (store disconnected, already done): it completes, with the reason. */
export interface SkippedJobResult {
  skipped: true;
  reason: string;
}

export function skippedJob(reason: string): SkippedJobResult {
  return { skipped: true, reason };
}

export function isSkippedJobResult(value: unknown): value is SkippedJobResult {
  return typeof value === 'object' && value !== null && (value as { skipped?: unknown }).skipped === true;
}

/** Thrown by a processor when retrying cannot help: the job fails at once, without further attempts. */
export class PermanentJobError extends QueueError {
  constructor(
    message: string,
    kind: ErrorKind = ErrorKinds.invalidInput,
    details: Record<string, unknown> = {},
  ) {
    super(kind, message, details);
  }
}

// Failures that another attempt cannot fix. CONFLICT (a concurrent writer) and
// UNAVAILABLE (a service down) are worth retrying, as is any unexpected error.
const permanentKinds: ReadonlySet<ErrorKind> = new Set([
  ErrorKinds.invalidInput,
  ErrorKinds.notFound,
  ErrorKinds.unauthorized,
  ErrorKinds.forbidden,
  ErrorKinds.illegalTransition,
]);

/** True when a processor's error must fail the job without retry. */
export function isPermanentJobFailure(error: unknown): boolean {
  if (error instanceof PermanentJobError || error instanceof UnrecoverableError) return true;
  return isDomainError(error) && permanentKinds.has(error.kind);
}

/**
 * Maps a processor's error to what BullMQ understands: permanent failures become
 * `UnrecoverableError` (no retry) with a readable reason; others pass through.
 */
export function toWorkerError(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  if (isPermanentJobFailure(error)) {
    const domain = error as QueueError;
    const unrecoverable = new UnrecoverableError(`${domain.kind}: ${domain.message}`);
    unrecoverable.cause = error;
    return unrecoverable;
  }
  return error instanceof Error ? error : new Error(String(error));
}
