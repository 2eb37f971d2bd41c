import type { Redis } from 'ioredis';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/redis';
import { closeRedisConnection, createRedisConnection } from './connection';
import { createRedisReplayGuard } from './replay-guard';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('replay');
const WINDOW_MS = 15 * 60 * 1000;
const at = new Date('2025-01-02T03:04:05.006Z');
let admin: Redis;
let producer: Redis;

beforeAll(async () => {
  admin = await connectTestRedis(redisUrl);
  producer = createRedisConnection(redisUrl, 'producer');
  // The producer role has no offline queue: wait until it is connected.
  await new Promise((resolve, reject) => {
    producer.once('ready', resolve);
    producer.once('error', reject);
  });
});

afterAll(async () => {
  await deleteKeysWithPrefix(admin, prefix);
  await closeRedisConnection(producer);
  await admin.quit();
});

describe('the bridge replay guard in Redis', () => {
  it('accepts an event id once per site: a repeat, earlier or in the same turn, is a replay', async () => {
    const guard = createRedisReplayGuard({ connection: producer, prefix, windowMs: WINDOW_MS });
    expect(await guard.remember({ siteId: 'site-a', eventId: 'e-1', receivedAt: at })).toBe(true);
    const answers = await Promise.all([
      guard.remember({ siteId: 'site-a', eventId: 'e-1', receivedAt: at }),
      guard.remember({ siteId: 'site-a', eventId: 'e-2', receivedAt: at }),
      guard.remember({ siteId: 'site-a', eventId: 'e-2', receivedAt: at }),
      guard.remember({ siteId: 'site-b', eventId: 'e-1', receivedAt: at }),
    ]);
    expect(answers).toEqual([false, true, false, true]);
    // Another server process shares what this one remembered.
    const other = createRedisReplayGuard({ connection: admin, prefix, windowMs: WINDOW_MS });
    expect(await other.remember({ siteId: 'site-b', eventId: 'e-1', receivedAt: at })).toBe(false);
  });

  it('forgets an event id when the window has passed, by itself', async () => {
    const guard = createRedisReplayGuard({ connection: producer, prefix, windowMs: 300 });
    expect(await guard.remember({ siteId: 'site-c', eventId: 'e-1', receivedAt: at })).toBe(true);
    const ttl = await admin.pttl(`${prefix}:bridge-event:site-c:e-1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await guard.remember({ siteId: 'site-c', eventId: 'e-1', receivedAt: at })).toBe(true);
  });

  it('fails as unavailable, remembering nothing, when Redis cannot answer', async () => {
    const dead = createRedisConnection('redis://127.0.0.1:1', 'producer');
    try {
      const guard = createRedisReplayGuard({ connection: dead, prefix, windowMs: WINDOW_MS });
      await expect(
        guard.remember({ siteId: 'site-d', eventId: 'e-1', receivedAt: at }),
      ).rejects.toMatchObject({
        kind: 'UNAVAILABLE',
        message: expect.stringContaining('Check that Redis is running'),
      });
    } finally {
      dead.disconnect();
    }
  });
});
