import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { QueueLogger } from './logger';

/** `producer`: HTTP handlers and schedulers that add jobs. `worker`: BullMQ workers. */
export type RedisRole = 'producer' | 'worker';

export interface RedisConnectionOptions {
  /** Logs one warning per outage (not one per reconnect attempt) and the recovery. */
  log?: QueueLogger;
  /** Shown in `CLIENT LIST`, to tell processes apart on a shared Redis. */
  connectionName?: string;
}

/** Reconnect forever, backing off to 5 s: a process outlives a Redis restart. */
function reconnectDelay(times: number): number {
  return Math.min(times * 250, 5000);
}

const roleOptions: Record<RedisRole, RedisOptions> = {
  // BullMQ workers block on Redis and must wait through outages rather than
  // fail their commands: https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest
  worker: { maxRetriesPerRequest: null, enableOfflineQueue: true },
  // A producer sits behind an HTTP request: it must learn at once that Redis is
  // down (and answer 5xx so the sender retries) instead of queueing commands.
  producer: {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: 5000,
    // Concurrent requests issue their commands in the same turn of the event
    // loop (a batch's job adds and schedule removals): one write, and one read
    // for Redis, instead of one each. Workers keep it off: their blocking and
    // job-lock commands are not for pipelines.
    enableAutoPipelining: true,
  },
};

/**
 * Opens an ioredis connection tuned for its role. The caller owns it and
 * closes it (`quit()`) after the queues / workers built on it.
 */
export function createRedisConnection(
  url: string,
  role: RedisRole,
  options: RedisConnectionOptions = {},
): Redis {
  const connection = new Redis(url, {
    ...roleOptions[role],
    retryStrategy: reconnectDelay,
    connectionName: options.connectionName ?? `dropship-${role}`,
  });
  watchOutages(connection, url, role, options.log);
  return connection;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

function watchOutages(connection: Redis, url: string, role: RedisRole, log: QueueLogger | undefined): void {
  let down = false;
  // Without an 'error' listener ioredis prints every failed reconnect attempt.
  connection.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log?.warn({ err, redis: redactUrl(url), role }, 'Redis connection lost; reconnecting in the background');
  });
  connection.on('ready', () => {
    if (down) log?.info({ redis: redactUrl(url), role }, 'Redis connection restored');
    down = false;
  });
}

/** Closes a connection, falling back to a hard disconnect when it is not connected. */
export async function closeRedisConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}
