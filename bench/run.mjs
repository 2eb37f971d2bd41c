#!/usr/bin/env node
/**
 * The worker benchmarks: compiles the sources (plain JavaScript, like
 * production), runs each benchmark in its own process, prints the figures and
 * writes them to docs/benchmarks.md between the worker markers (other
 * sections of the file are kept).
 *
 *   node bench/run.mjs                  everything, stop benchmark with 1,000 and 1,000,000 other jobs
 *   node bench/run.mjs --large=100000   a smaller large queue (the 1,000,000 fill takes ~35 s here)
 *   node bench/run.mjs --only=stop,csv,throughput,drain   a subset (the other sections are kept as they are);
 *                                       --no-write prints without touching the docs
 *
 * Needs Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForBench } from './compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docPath = path.join(root, 'docs', 'benchmarks.md');
const START = '<!-- bench:worker:start -->';
const END = '<!-- bench:worker:end -->';

const flags = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.length ? v.join('=') : 'true'];
  }),
);
const large = Number(flags.get('large') ?? 1_000_000);
const only = new Set((flags.get('only') ?? 'stop,csv,throughput,drain').split(','));

const loadAtStart = os.loadavg()[0];
const build = compileForBench(root);
const env = { ...process.env, DROPSHIP_BENCH_BUILD: build };

function bench(file, args) {
  console.log(`$ bench/${file} ${args.join(' ')}`);
  const child = spawnSync(
    process.execPath,
    ['-r', path.join(root, 'bench', 'compiled-resolver.js'), path.join(build, 'bench', file), ...args],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`bench/${file} failed (exit ${child.status})`);
  const result = JSON.parse(line.slice(7));
  console.log(result);
  return result;
}

function version(command, args, pattern) {
  try {
    return pattern.exec(execFileSync(command, args, { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function machine() {
  return [
    `- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, \`nproc\` = ${os.availableParallelism()}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, Redis ${version('redis-cli', ['INFO', 'server'], /redis_version:(\S+)/)}, PostgreSQL ${version('psql', ['--version'], /(\d+\.\d+)/)}, SQLite through better-sqlite3`,
    `- 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end: other processes share this machine, and the figures move with that load`,
    `- Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/run.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``,
  ].join('\n');
}

function stopSection() {
  const { results } = bench('worker-stop.js', [`--sizes=1000,${large}`]);
  const [small, big] = results;
  const ratio = big.stopMedianMs / small.stopMedianMs;
  const jobRatio = big.disconnectJobMedianMs / small.disconnectJobMedianMs;
  const row = (r) =>
    `| ${r.others.toLocaleString('en')} | ${r.fillMs} ms (${r.fillJobsPerSec.toLocaleString('en')} jobs/s) | ${r.stopMedianMs} ms | ${r.disconnectJobMedianMs} ms |`;
  return [
    '### Stop order automation for one store',
    '',
    `One process: the orders queue holds N jobs of other stores (half waiting, half delayed, added with pipelined \`addBulk\` batches of 5,000), then ${small.stores} stores, each with an order-sync scheduler and ${small.ownJobsPerStore} waiting order jobs, are disconnected one after the other (PostgreSQL); then the queue is topped up to the large size and ${big.stores} more stores are disconnected, so machine load weighs on both sizes alike. "Stop" is the gate write plus the scheduler removal; "disconnect job" is the whole \`disconnectStore\` use-case (state, billing, stop, report, notifications queued). Medians. After each stop one of the store's queued jobs is run and checked to be skipped.`,
    '',
    '| other jobs in the queue | fill time | stop (median) | disconnect job (median) |',
    '| ---: | ---: | ---: | ---: |',
    row(small),
    row(big),
    '',
    `**Ratio ${large.toLocaleString('en')} / 1,000: stop ${ratio.toFixed(2)}, disconnect job ${jobRatio.toFixed(2)}** (target ≤ 1.5). Nothing in the stop reads the queue: one row and one scheduler key, whatever the queue holds.`,
  ].join('\n');
}

function csvSection() {
  const rows = ['sqlite', 'postgres'].map((dialect) =>
    bench('products-csv.js', [`--dialect=${dialect}`, '--products=100000']),
  );
  return [
    '### Products-left CSV, 100,000 published products',
    '',
    "The ledger is filled by one process; another streams the CSV (keyset batches of 500 rows without descriptions or images, 64 KiB chunks; PostgreSQL statistics refreshed with ANALYZE after the bulk load, as autovacuum would) into a counting sink. Peak RSS is the streaming process's `maxRSS`, baseline included (Node with the worker's packages loaded).",
    '',
    '| database | rows | CSV size | time (target < 3 s) | peak RSS (target < 150 MB) | RSS before streaming |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.rows.toLocaleString('en')} | ${r.megabytes} MB | ${r.ms} ms | ${r.peakRssMb} MB | ${r.rssBeforeMb} MB |`,
    ),
  ].join('\n');
}

function throughputSection() {
  const rows = [1, 2, 4].map((workers) =>
    bench('order-throughput.js', [`--workers=${workers}`, '--orders=2000']),
  );
  return [
    '### Order-job throughput',
    '',
    `${rows[0].orders.toLocaleString('en')} recorded orders over 4 stores; their \`placeSupplierOrder\` jobs are added once every worker process is ready and timed until the built-in supplier has recorded the last one (PostgreSQL, ${rows[0].concurrencyPerWorker} jobs at once per process). Each job reads the store gate twice, claims the order, records the supplier order and marks it placed.`,
    '',
    '| worker processes | time | orders / s |',
    '| ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.workers} | ${r.ms} ms | ${r.ordersPerSec} |`),
    '',
    `This machine has ${os.availableParallelism()} cores shared by the worker processes, Redis, PostgreSQL and the benchmark itself: more processes than cores add contention, not throughput. The figures show that several processes share the work correctly (the same count is placed, once each), not how far they scale on more hardware.`,
  ].join('\n');
}

function drainSection() {
  const rows = ['sqlite', 'postgres'].map((dialect) =>
    bench('disconnect-drain.js', [`--dialect=${dialect}`, '--count=3000']),
  );
  return [
    '### Disconnect backlog',
    '',
    `${rows[0].count.toLocaleString('en')} Shopify stores, each with a subscription and an order-sync schedule, are uninstalled through the real ingest (event recorded, gate closed, job queued); then one worker process (${rows[0].concurrency} lifecycle and ${rows[0].notificationConcurrency} notification jobs at once, the worker's defaults) starts and is timed until every store is \`disconnected\` (subscription cancelled, schedule removed, products-left report saved) and both notifications of each are written to the outbox. CPU per store is the worker process's (user + system) over the backlog; Redis's is read from its INFO.`,
    '',
    '| database | stores | time | stores / s | worker CPU per store | Redis CPU per store | left not disconnected |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.count.toLocaleString('en')} | ${r.seconds} s | ${r.perSecond.toLocaleString('en')} | ${r.cpuUsPerStore.toLocaleString('en')} µs | ${r.redisUsPerStore.toLocaleString('en')} µs | ${r.notLeftDisconnected} |`,
    ),
    '',
    'This is the rate that decides how long a store waits between its uninstall and `disconnected` when uninstalls arrive faster than one worker drains them (the ingest benchmark below runs 1,000 per second). Jobs running at once share their statements by key: the reads (event, store and contact, subscription, counts, report) and the writes (event outcome, store state, subscription, report, sessions, outbox), one statement per batch of jobs for each; each disconnect is two BullMQ jobs (the disconnect and one notification job carrying both its messages), and the notification jobs wait while more disconnects are waiting than the worker runs at once.',
  ].join('\n');
}

// Each section by the start of its heading, in the document's order.
const order = [
  ['stop', '### Stop order automation', stopSection],
  ['csv', '### Products-left CSV', csvSection],
  ['throughput', '### Order-job throughput', throughputSection],
  ['drain', '### Disconnect backlog', drainSection],
];
const measured = new Map(order.filter(([key]) => only.has(key)).map(([key, , run]) => [key, run()]));
fs.rmSync(build, { recursive: true, force: true });

const current = fs.existsSync(docPath)
  ? fs.readFileSync(docPath, 'utf8')
  : '# Benchmarks\n\nRun with `npm run bench`.\n';
// A run of some sections (--only) keeps the others as the last full run wrote them.
const previous = (new RegExp(`${START}([\\s\\S]*?)${END}`).exec(current)?.[1] ?? '').split(/\n(?=### )/);
const sections = order
  .map(([key, heading]) => measured.get(key) ?? previous.find((text) => text.startsWith(heading))?.trimEnd())
  .filter(Boolean);
const kept = order.filter(([key]) => !measured.has(key)).map(([, heading]) => `“${heading.slice(4)}…”`);
const keptNote = kept.length
  ? `\n- Kept from an earlier run, not measured by this one: ${kept.join(', ')}`
  : '';

const body = [START, '## Worker', '', machine() + keptNote, '', sections.join('\n\n'), END].join('\n');
if (flags.get('write') === 'false' || flags.has('no-write')) {
  console.log(body);
} else {
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*?${END}`), body)
    : `${current.trimEnd()}\n\n${body}\n`;
  fs.writeFileSync(docPath, next);
  console.log(`wrote ${path.relative(root, docPath)}`);
}
