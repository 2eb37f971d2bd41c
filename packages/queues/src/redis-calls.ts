import type { ChainableCommander } from 'ioredis';
import { isDomainError } from '@dropship/core';
import { QueueUnavailableError } from './errors';

function unavailable(action: string, error: unknown): QueueUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new QueueUnavailableError(
    `Could not ${action}: Redis failed (${reason}). Check that Redis is running, then retry.`,
    { reason },
  );
}

/** Runs a Redis call; a Redis failure becomes UNAVAILABLE (the caller answers 5xx, the sender retries). */
export async function withRedis<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw unavailable(action, error);
  }
}

/** A pipeline's replies in order; a failed command fails the whole call as UNAVAILABLE. */
export async function pipelineReplies(action: string, pipeline: ChainableCommander): Promise<unknown[]> {
  const answers = await withRedis(action, async () => (await pipeline.exec()) ?? []);
  return answers.map(([error, reply]) => {
    if (error) throw unavailable(action, error);
    return reply;
  });
}
