import { createBatcher } from '@dropship/core';
import type { Redis } from 'ioredis';
import type { Metric } from 'prom-client';

/** Upper bounds (seconds) of the job duration histogram's buckets. */
export const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] as const;

export const JOB_DURATION_METRIC = 'dropship_job_duration_seconds';

export interface JobSettled {
  queue: string;
  name: string;
  status: 'completed' | 'failed';
  durationMs: number;
}

export interface JobDurationsOptions {
  connection: Redis;
  /** The queue prefix: deployments sharing a Redis keep separate histograms. */
  prefix: string;
}

const SEP = '|';
const keyOf = (prefix: string): string => `${prefix}:dropship-ops:job-durations`;

/**
 * Job durations live in one Redis hash of cumulative bucket counters, written
 * by whichever worker ran the job and read by whichever server is scraped: the
 * histogram is the whole fleet's and survives restarts, with no port to open
 * on workers. The jobs that settle while one write runs are counted together
 * in the next (one MULTI, one HINCRBY per counter touched): a dozen commands
 * per job cost Redis more than a disconnect job's own work.
 */
export function createJobDurationRecorder(options: JobDurationsOptions) {
  const key = keyOf(options.prefix);
  const write = createBatcher(async (jobs: JobSettled[]) => {
    const counts = new Map<string, number>();
    const sums = new Map<string, number>();
    const add = (into: Map<string, number>, field: string, by: number) =>
      into.set(field, (into.get(field) ?? 0) + by);
    for (const job of jobs) {
      const seconds = Math.max(0, job.durationMs) / 1000;
      const base = [job.queue, job.name, job.status].join(SEP);
      for (const bound of JOB_DURATION_BUCKETS) if (seconds <= bound) add(counts, `${base}${SEP}${bound}`, 1);
      add(counts, `${base}${SEP}+Inf`, 1);
      add(counts, `${base}${SEP}count`, 1);
      add(sums, `${base}${SEP}sum`, seconds);
    }
    const multi = options.connection.multi();
    for (const [field, by] of counts) multi.hincrby(key, field, by);
    for (const [field, by] of sums) multi.hincrbyfloat(key, field, by);
    await multi.exec();
    return jobs.map(() => undefined);
  });
  return function recordJobDuration(job: JobSettled): Promise<void> {
    return write.run(job);
  };
}

interface Series {
  labels: { queue: string; name: string; status: string };
  buckets: Map<string, number>;
  count: number;
  sum: number;
}

function parseHash(hash: Record<string, string>): Series[] {
  const series = new Map<string, Series>();
  for (const [field, raw] of Object.entries(hash)) {
    const [queue, name, status, part] = field.split(SEP);
    if (!queue || !name || !status || !part) continue;
    const id = [queue, name, status].join(SEP);
    const entry = series.get(id) ?? { labels: { queue, name, status }, buckets: new Map(), count: 0, sum: 0 };
    if (part === 'count') entry.count = Number(raw);
    else if (part === 'sum') entry.sum = Number(raw);
    else entry.buckets.set(part, Number(raw));
    series.set(id, entry);
  }
  return [...series.values()];
}

function valuesOf(series: Series[]) {
  return series.flatMap((s) => [
    ...[...JOB_DURATION_BUCKETS.map(String), '+Inf'].map((le) => ({
      metricName: `${JOB_DURATION_METRIC}_bucket`,
      labels: { ...s.labels, le },
      value: s.buckets.get(le) ?? 0,
    })),
    { metricName: `${JOB_DURATION_METRIC}_sum`, labels: s.labels, value: s.sum },
    { metricName: `${JOB_DURATION_METRIC}_count`, labels: s.labels, value: s.count },
  ]);
}

/** A prom-client metric that reads the fleet-wide histogram from Redis at scrape time. */
export function jobDurationMetric(options: { redis: () => Promise<Redis>; prefix: string }): Metric {
  const metric = {
    name: JOB_DURATION_METRIC,
    help: 'Time spent running jobs (each attempt), by queue, job name and status, recorded by every worker.',
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const connection = await options.redis();
      const hash = await connection.hgetall(keyOf(options.prefix));
      return {
        name: metric.name,
        help: metric.help,
        type: metric.type,
        aggregator: 'sum',
        values: valuesOf(parseHash(hash)),
      };
    },
    reset() {},
  };
  // prom-client's registry takes any object with this shape; its Metric type names only its own classes.
  return metric as unknown as Metric;
}
