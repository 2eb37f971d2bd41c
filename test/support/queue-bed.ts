import type { Redis } from 'ioredis';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { connectTestRedis, deleteKeysWithPrefix } from './redis';

/** One test file's queues on its own key prefix, with the connections behind them. */
export interface QueueBed {
  /** A plain connection for the test's own checks. */
  admin: Redis;
  /** The producer-role connection the queues use. */
  producer: Redis;
  queues: Queues;
  /** Removes every job of every queue: between tests. */
  empty(): Promise<void>;
  /** Closes the queues and connections and deletes every key of the prefix. */
  close(): Promise<void>;
}

/** Fails with how to start Redis when it does not answer (connectTestRedis). */
export async function openQueueBed(redisUrl: string, prefix: string): Promise<QueueBed> {
  const admin = await connectTestRedis(redisUrl);
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = createQueues({ connection: producer, prefix });
  await queues.lifecycle.waitUntilReady();
  return {
    admin,
    producer,
    queues,
    async empty() {
      await Promise.all(Object.values(queues.byName).map((queue) => queue.obliterate({ force: true })));
    },
    async close() {
      await queues.closeAll();
      await closeRedisConnection(producer);
      await deleteKeysWithPrefix(admin, prefix);
      await admin.quit();
    },
  };
}
