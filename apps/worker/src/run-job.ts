import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { isSkippedJobResult, parseJobPayload, toWorkerError } from '@dropship/queues';
import type { JobName, Processors, QueueName } from '@dropship/queues';
import type { InflightJobs } from './inflight-jobs';

type AnyProcessor = (payload: unknown, ctx: Parameters<Processors[JobName]>[1]) => Promise<unknown>;

export interface RunJobParams {
  queue: QueueName;
  inflight: InflightJobs;
  processors: Partial<Processors>;
  log: Logger;
  /** Told of every finished attempt (for the fleet-wide job duration histogram); its failures are only logged. */
  onJobSettled?: (settled: JobSettledInfo) => Promise<void> | void;
}

/** One finished attempt of a job. */
export interface JobSettledInfo {
  queue: QueueName;
  name: string;
  status: 'completed' | 'failed';
  durationMs: number;
}

// The request id that caused the job (lifecycle and order payloads carry it): it joins the job's log lines to the HTTP request's.
function correlationIdOf(job: Job): string | undefined {
  const value = (job.data as { correlationId?: unknown } | undefined)?.correlationId;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function payloadOf(job: Job): unknown {
  try {
    return parseJobPayload(job.name, job.data);
  } catch (error) {
    // A payload that does not match its schema will never pass: fail now, keep the reason readable.
    throw new UnrecoverableError((error as Error).message);
  }
}

/**
 * Builds the BullMQ processor of one queue: validate the payload, run the job
 * name's processor with the abort signal, map permanent failures to
 * UnrecoverableError so BullMQ does not retry them.
 */
export function createQueueProcessor({ queue, processors, log, inflight, onJobSettled }: RunJobParams) {
  return (job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> =>
    inflight.run(() => runJob(job, signal));

  async function runJob(job: Job, signal: AbortSignal | undefined): Promise<unknown> {
    const processor = (processors as Record<string, AnyProcessor | undefined>)[job.name];
    if (processor === undefined) {
      throw new UnrecoverableError(
        `No processor for job "${job.name}" on queue "${queue}" in this worker. Deploy a worker that handles it, then retry the job.`,
      );
    }
    const payload = payloadOf(job);
    const started = Date.now();
    const correlationId = correlationIdOf(job);
    const jobLog = log.child({
      queue,
      jobId: job.id,
      jobName: job.name,
      attempt: job.attemptsMade + 1,
      ...(correlationId ? { correlationId } : {}),
    });
    const settle = async (status: JobSettledInfo['status']) => {
      try {
        await onJobSettled?.({ queue, name: job.name, status, durationMs: Date.now() - started });
      } catch (err) {
        jobLog.warn({ err }, 'job duration not recorded');
      }
    };
    try {
      const result = await processor(payload, {
        job,
        signal: signal ?? new AbortController().signal,
        log: jobLog,
      });
      if (isSkippedJobResult(result)) jobLog.info({ reason: result.reason }, 'job skipped');
      else jobLog.debug({ ms: Date.now() - started }, 'job done');
      await settle('completed');
      return result ?? null;
    } catch (error) {
      const mapped = toWorkerError(error);
      jobLog.warn({ err: error, permanent: mapped instanceof UnrecoverableError }, 'job failed');
      await settle('failed');
      throw mapped;
    }
  }
}
