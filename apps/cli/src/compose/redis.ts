import type { Config } from '@dropship/config';
import {
  checkEvictionPolicy,
  closeRedisConnection,
  createRedisConnection,
  ensureRedis,
} from '@dropship/queues';
import { ErrorKinds } from '@dropship/core';
import type { Logger } from 'pino';
import { CliError } from '../errors';
import type { CloseStack } from './close-stack';

export type RedisConnection = ReturnType<typeof createRedisConnection>;

const READY_TIMEOUT_MS = 10_000;

function waitUntilReady(connection: RedisConnection, url: string): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(
        new CliError(
          ErrorKinds.unavailable,
          `Redis at ${url} did not become ready within ${READY_TIMEOUT_MS} ms.`,
        ),
      );
    }, READY_TIMEOUT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}

/**
 * Finds Redis (or starts a private one when it is local and installed), opens
 * the producer connection and warns when the eviction policy can lose jobs.
 */
export async function connectRedis(
  config: Config,
  log: Logger,
  closers: CloseStack,
): Promise<RedisConnection> {
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir, log });
  closers.add('private redis-server', redis.stop);
  const producer = createRedisConnection(config.redisUrl, 'producer', {
    log,
    connectionName: 'dropship-producer',
  });
  closers.add('redis connection', () => closeRedisConnection(producer));
  await waitUntilReady(producer, redis.url);
  const eviction = await checkEvictionPolicy(producer);
  if (eviction.warning) log.warn({ policy: eviction.policy }, eviction.warning);
  return producer;
}
