import type { Redis } from 'ioredis';
import { createBatcher } from '@dropship/core';
import type { BridgeNonce, ReplayGuard } from '@dropship/core';
import { pipelineReplies } from './redis-calls';

export interface RedisReplayGuardOptions {
  /** A producer connection (offline queue off: a request fails at once when Redis is away). */
  connection: Redis;
  /** The deployment's key prefix (the queues'). */
  prefix: string;
  /** How long an event id is remembered: the freshness window on both sides, with a margin. */
  windowMs: number;
}

/**
 * The bridge's replay guard in Redis: one `SET key 1 PX window NX` per event
 * id, the concurrent requests of a turn of the event loop pipelined together.
 * A key expires with the window, so nothing needs pruning. A database table
 * did the same with a write transaction per batch, which on SQLite was a
 * tenth of the bridge's cost. Redis restarted without persistence forgets the
 * ids of the last window: a request captured then could be played once more
 * within its five minutes, and would find its occurrence already recorded.
 */
export function createRedisReplayGuard(options: RedisReplayGuardOptions): ReplayGuard {
  const keyOf = (nonce: BridgeNonce) => `${options.prefix}:bridge-event:${nonce.siteId}:${nonce.eventId}`;
  const batcher = createBatcher(async (nonces: BridgeNonce[]) => {
    const pipeline = options.connection.pipeline();
    for (const nonce of nonces) pipeline.set(keyOf(nonce), '1', 'PX', options.windowMs, 'NX');
    // In pipeline order: a second copy of an id in the same batch meets the first one's key.
    const replies = await pipelineReplies('check the bridge event id', pipeline);
    return replies.map((reply) => reply === 'OK');
  });
  return { remember: (nonce) => batcher.run(nonce) };
}
