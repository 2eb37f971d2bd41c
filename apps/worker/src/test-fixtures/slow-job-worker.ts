/*
 * A worker process for the shutdown tests: runs syncStoreOrders jobs that take
 * `jobMs`, reports progress as JSON lines on stdout, and shuts down on signals.
 * Run: node -r ./test/support/register-ts.js slow-job-worker.ts '<json options>'
 */
import pino from 'pino';
import { JobNames } from '@dropship/queues';
import { installShutdownHandlers } from '../shutdown';
import { startWorker } from '../start-worker';

interface FixtureOptions {
  redisUrl: string;
  prefix: string;
  jobMs: number;
  graceMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

const report = (event: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...extra })}\n`);

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FixtureOptions;
  const log = pino({ level: 'warn' }, pino.destination(2));
  const worker = await startWorker({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    log,
    lockDurationMs: options.lockDurationMs,
    stalledIntervalMs: options.stalledIntervalMs,
    processors: {
      [JobNames.syncStoreOrders]: async (payload, { job }) => {
        report('started', { jobId: job.id });
        await new Promise((resolve) => setTimeout(resolve, options.jobMs));
        report('finished', { jobId: job.id });
        return { by: 'child', storeId: payload.storeId };
      },
    },
  });
  installShutdownHandlers({
    worker,
    log,
    graceMs: options.graceMs,
    afterClose: [
      async () => {
        report('closed');
      },
    ],
  });
  report('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(2);
});
