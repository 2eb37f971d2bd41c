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
export function createQueueProcessor({ queue, processors, log, inflight }: RunJobParams) {
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
    const jobLog = log.child({ queue, jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
    const started = Date.now();
    try {
      const result = await processor(payload, {
        job,
        signal: signal ?? new AbortController().signal,
        log: jobLog,
      });
      if (isSkippedJobResult(result)) jobLog.info({ reason: result.reason }, 'job skipped');
      else jobLog.debug({ ms: Date.now() - started }, 'job done');
      return result ?? null;
    } catch (error) {
      const mapped = toWorkerError(error);
      jobLog.warn({ err: error, permanent: mapped instanceof UnrecoverableError }, 'job failed');
      throw mapped;
    }
  }
}
