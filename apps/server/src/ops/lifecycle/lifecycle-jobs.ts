import type { Job, Queue } from 'bullmq';
import { ErrorKinds } from '@dropship/core';
import { ServerError } from '../../errors';
import { iso, timelineUrlOf } from './summaries';

/** A lifecycle job that failed for good (out of attempts, or unrecoverable). */
export interface FailedLifecycleJob {
  jobId: string;
  name: string;
  storeId: string | null;
  eventId: string | null;
  source: string | null;
  correlationId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
  timelineUrl: string | null;
}

/** What the timeline shows of one job. */
export interface JobSnapshot {
  jobId: string;
  name: string;
  state: string;
  attemptsMade: number;
  failedReason: string | null;
  createdAt: string | null;
  processedAt: string | null;
  finishedAt: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const dateOf = (ms: number | undefined): string | null => iso(ms ? new Date(ms) : null);

function toFailed(job: Job): FailedLifecycleJob {
  const data = (job.data ?? {}) as Record<string, unknown>;
  const storeId = text(data.storeId);
  return {
    jobId: String(job.id),
    name: job.name,
    storeId,
    eventId: text(data.eventId),
    source: text(data.source),
    correlationId: text(data.correlationId),
    failedReason: job.failedReason || 'no reason recorded',
    attemptsMade: job.attemptsMade,
    failedAt: dateOf(job.finishedOn),
    timelineUrl: storeId ? timelineUrlOf(storeId) : null,
  };
}

/** Newest failures first. */
export async function listFailedLifecycleJobs(queue: Queue, limit: number): Promise<FailedLifecycleJob[]> {
  const jobs = await queue.getJobs(['failed'], 0, limit - 1, false);
  return jobs.filter((job): job is Job => Boolean(job)).map(toFailed);
}

export async function countFailedJobs(queue: Queue): Promise<number> {
  return queue.getFailedCount();
}

export async function snapshotJob(queue: Queue, jobId: string): Promise<JobSnapshot | null> {
  const job = await queue.getJob(jobId);
  if (!job) return null;
  return {
    jobId,
    name: job.name,
    state: await job.getState(),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    createdAt: dateOf(job.timestamp),
    processedAt: dateOf(job.processedOn),
    finishedAt: dateOf(job.finishedOn),
  };
}

/**
 * Moves a failed job back to waiting. Refuses (CONFLICT) a job that is not
 * failed, so a double click cannot run it twice; NOT_FOUND when it is gone.
 */
export async function retryFailedJob(queue: Queue, jobId: string): Promise<JobSnapshot> {
  const job = await queue.getJob(jobId);
  if (!job) {
    throw new ServerError(
      ErrorKinds.notFound,
      `No job "${jobId}" in the ${queue.name} queue: it may have been removed. Reload the page.`,
    );
  }
  const state = await job.getState();
  if (state !== 'failed') {
    throw new ServerError(
      ErrorKinds.conflict,
      `Job "${jobId}" is ${state}, not failed: only failed jobs can be retried. Reload the page.`,
    );
  }
  await job.retry('failed');
  const snapshot = await snapshotJob(queue, jobId);
  if (!snapshot) throw new ServerError(ErrorKinds.notFound, `Job "${jobId}" vanished after its retry.`);
  return snapshot;
}
