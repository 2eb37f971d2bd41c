import type { Config } from '@dropship/config';
import { ErrorKinds, systemClock } from '@dropship/core';
import { closeRedisConnection, createQueues, createRedisConnection } from '@dropship/queues';
import type { Logger } from 'pino';
import type { CliIo } from '../cli-io';
import { createCloseStack } from '../compose/close-stack';
import { openStorage } from '../compose/storage';
import { playDemo } from '../demo/play-demo';
import { CliError } from '../errors';

const REDIS_READY_MS = 5000;

/** The running system's Redis (never a private one of our own: the demo talks to what `npm start` runs). */
async function connectRunningRedis(config: Config, log: Logger) {
  const redis = createRedisConnection(config.redisUrl, 'producer', { log, connectionName: 'dropship-demo' });
  const ready = await new Promise<boolean>((resolve) => {
    if (redis.status === 'ready') return resolve(true);
    const timer = setTimeout(() => resolve(false), REDIS_READY_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) {
    await closeRedisConnection(redis).catch(() => undefined);
    throw new CliError(
      ErrorKinds.unavailable,
      `Redis does not answer at ${config.redisUrl}: start the system with npm start in another terminal (same REDIS_URL), then run npm run demo again.`,
    );
  }
  return redis;
}

/**
 * `demo`: plays the departures of the seeded demo stores on the running
 * system (same configuration and DATA_DIR as `npm start`). Development only.
 */
export async function demo(config: Config, log: Logger, io: CliIo): Promise<number> {
  if (config.isProduction) {
    io.err('The demo plays on development data only: it never runs with NODE_ENV=production.');
    return 2;
  }
  const closers = createCloseStack(log);
  try {
    const storage = await openStorage(config, log, closers, { migrate: false });
    const redis = await connectRunningRedis(config, log);
    closers.add('redis connection', () => closeRedisConnection(redis));
    const queues = createQueues({ connection: redis, prefix: config.queuePrefix, log });
    closers.add('queues', () => queues.closeAll());
    await playDemo({ config, repos: storage.repositories, queues, clock: systemClock }, io);
    return 0;
  } finally {
    await closers.closeAll();
  }
}
