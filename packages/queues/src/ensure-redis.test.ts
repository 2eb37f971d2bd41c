import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ErrorKinds } from '@dropship/core';
import { ensureRedis } from './ensure-redis';
import type { EnsureRedisResult } from './ensure-redis';
import type { QueueLogger } from './logger';
import { checkEvictionPolicy, pingRedis } from './redis-health';
import { connectTestRedis, freePort, isPortFree } from '../../../test/support/redis';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const lines: string[] = [];
const log: QueueLogger = {
  info: (_obj, msg) => lines.push(`info ${msg}`),
  warn: (_obj, msg) => lines.push(`warn ${msg}`),
  error: (_obj, msg) => lines.push(`error ${msg}`),
};

let dataDir: string;
let privateRedis: EnsureRedisResult | undefined;
let privatePort: number;

beforeAll(async () => {
  (await connectTestRedis(redisUrl)).disconnect();
  dataDir = mkdtempSync(join(tmpdir(), 'dropship-ensure-redis-'));
  privatePort = await freePort();
  privateRedis = await ensureRedis({ url: `redis://127.0.0.1:${privatePort}`, dataDir, log });
});

afterAll(async () => {
  await privateRedis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ensureRedis', () => {
  test('a Redis that already answers is used as is', async () => {
    const result = await ensureRedis({ url: redisUrl, dataDir, log });
    expect(result).toMatchObject({ url: redisUrl, started: false });
    await result.stop();
    expect((await pingRedis(redisUrl)).ok).toBe(true);
  });

  test('when none answers on a local port a private redis-server is started with AOF and noeviction', async () => {
    expect(privateRedis?.started).toBe(true);
    expect((await pingRedis(`redis://127.0.0.1:${privatePort}`)).ok).toBe(true);
    const client = new Redis(`redis://127.0.0.1:${privatePort}`);
    try {
      expect(await client.call('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.call('CONFIG', 'GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      expect(await checkEvictionPolicy(client)).toEqual({ ok: true, policy: 'noeviction' });
    } finally {
      client.disconnect();
    }
    expect(existsSync(join(dataDir, 'redis'))).toBe(true);
  });

  test('stopping the private server frees its port', async () => {
    const port = await freePort();
    const started = await ensureRedis({
      url: `redis://127.0.0.1:${port}`,
      dataDir: join(dataDir, 'second'),
      log,
    });
    expect(started.started).toBe(true);
    await started.stop();
    expect(await isPortFree(port)).toBe(true);
    expect((await pingRedis(`redis://127.0.0.1:${port}`)).ok).toBe(false);
  });

  test('without redis-server installed the error says how to install it', async () => {
    const port = await freePort();
    const attempt = ensureRedis({
      url: `redis://127.0.0.1:${port}`,
      dataDir,
      log,
      redisServerBin: 'redis-server-not-installed',
    });
    await expect(attempt).rejects.toMatchObject({
      kind: ErrorKinds.unavailable,
      message: expect.stringContaining('apt-get install -y redis-server'),
    });
  });

  test('a remote Redis that does not answer is not started here', async () => {
    const attempt = ensureRedis({ url: 'redis://192.0.2.1:6379', dataDir, log });
    await expect(attempt).rejects.toMatchObject({
      kind: ErrorKinds.unavailable,
      message: expect.stringContaining('not local'),
    });
  });
});

describe('checkEvictionPolicy', () => {
  let client: Redis;
  beforeAll(() => {
    client = new Redis(`redis://127.0.0.1:${privatePort}`);
  });
  afterAll(async () => {
    await client.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    await client.call('ACL', 'DELUSER', 'limited');
    await client.quit();
  });

  test('an evicting policy is reported with a warning that says how to fix it', async () => {
    await client.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    const result = await checkEvictionPolicy(client);
    expect(result).toMatchObject({ ok: false, policy: 'allkeys-lru' });
    expect(result.warning).toMatch(/noeviction/);
  });

  test('when CONFIG is not allowed the policy is read from INFO', async () => {
    await client.call('ACL', 'SETUSER', 'limited', 'on', '>secret', '~*', '+@all', '-config');
    const limited = new Redis(`redis://limited:secret@127.0.0.1:${privatePort}`, { enableReadyCheck: false });
    try {
      expect(await checkEvictionPolicy(limited)).toMatchObject({ ok: false, policy: 'allkeys-lru' });
    } finally {
      limited.disconnect();
    }
  });

  test('when neither CONFIG nor INFO is allowed the result is a warning, not a crash', async () => {
    await client.call('ACL', 'SETUSER', 'limited', 'on', '>secret', '~*', '+@all', '-config', '-info');
    const limited = new Redis(`redis://limited:secret@127.0.0.1:${privatePort}`, { enableReadyCheck: false });
    try {
      const result = await checkEvictionPolicy(limited);
      expect(result).toMatchObject({ ok: false, policy: 'unknown' });
      expect(result.warning).toMatch(/Could not read Redis maxmemory-policy/);
    } finally {
      limited.disconnect();
    }
  });
});
