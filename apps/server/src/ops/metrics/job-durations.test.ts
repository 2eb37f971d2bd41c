import type { Redis } from 'ioredis';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '../../../../../test/support/redis';
import { createJobDurationRecorder, jobDurationMetric } from './job-durations';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('job duration histogram', () => {
  const prefix = uniquePrefix('durations');
  let redis: Redis;
  let monitor: Redis | undefined;
  beforeAll(async () => {
    redis = await connectTestRedis(redisUrl);
  });
  afterAll(async () => {
    monitor?.disconnect();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  test('jobs settling together are counted in one write, and the histogram reads as if each wrote alone', async () => {
    const record = createJobDurationRecorder({ connection: redis, prefix });
    monitor = await redis.monitor();
    const writes: string[] = [];
    let sums = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (!args[1]?.startsWith(prefix)) return;
      if (/^hincrby$/i.test(args[0] ?? '')) writes.push(args[2] ?? '');
      if (/^hincrbyfloat$/i.test(args[0] ?? '')) sums += 1;
    });
    const jobs = [
      ...Array.from({ length: 30 }, () => ({ durationMs: 40 })),
      ...Array.from({ length: 10 }, () => ({ durationMs: 700 })),
    ].map((job) => ({
      queue: 'lifecycle',
      name: 'store-disconnected',
      status: 'completed' as const,
      ...job,
    }));
    await Promise.all([
      ...jobs.map((job) => record(job)),
      record({ queue: 'notifications', name: 'send-notification', status: 'failed', durationMs: 3000 }),
    ]);
    // MONITOR reports each command after it ran, in order: a write's sums come after its counts.
    const deadline = Date.now() + 5000;
    while (sums < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));

    // Per job, one HINCRBY per bucket it falls in, plus +Inf and count: 461 commands if each wrote alone.
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.length).toBeLessThan(jobs.length);
    expect(new Set(writes).size).toBe(writes.length);

    const metric = jobDurationMetric({ redis: async () => redis, prefix });
    const { values } = (await metric.get()) as unknown as {
      values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }>;
    };
    const value = (metricName: string, labels: Record<string, string | number>) =>
      values.find(
        (v) =>
          v.metricName === metricName &&
          Object.entries(labels).every(([name, want]) => v.labels[name] === want),
      )?.value;
    const disconnects = { queue: 'lifecycle', name: 'store-disconnected', status: 'completed' };
    expect(value('dropship_job_duration_seconds_count', disconnects)).toBe(40);
    expect(value('dropship_job_duration_seconds_bucket', { ...disconnects, le: '0.05' })).toBe(30);
    expect(value('dropship_job_duration_seconds_bucket', { ...disconnects, le: '0.5' })).toBe(30);
    expect(value('dropship_job_duration_seconds_bucket', { ...disconnects, le: '1' })).toBe(40);
    expect(value('dropship_job_duration_seconds_bucket', { ...disconnects, le: '+Inf' })).toBe(40);
    expect(value('dropship_job_duration_seconds_sum', disconnects)).toBeCloseTo(30 * 0.04 + 10 * 0.7, 6);
    const failed = { queue: 'notifications', name: 'send-notification', status: 'failed' };
    expect(value('dropship_job_duration_seconds_count', failed)).toBe(1);
    expect(value('dropship_job_duration_seconds_bucket', { ...failed, le: '2.5' })).toBe(0);
    expect(value('dropship_job_duration_seconds_bucket', { ...failed, le: '5' })).toBe(1);
  });
});
