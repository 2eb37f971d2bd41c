#!/usr/bin/env node
/**
 * The ingest benchmark: signed app/uninstalled webhooks and signed plugin
 * bridge events against the real server (the CLI's `start server`, in its own
 * process), compared in the same run with a raw floor (bare node:http, HMAC,
 * one BullMQ job); then the end-to-end time from a webhook's arrival to its
 * store disconnected with automation stopped, under a fixed arrival rate, with
 * the worker in a third process. On SQLite and on PostgreSQL. Writes the figures
 * to docs/benchmarks.md between the ingest markers.
 *
 *   node bench/ingest.mjs                                  the full run (~8 min)
 *   node bench/ingest.mjs --requests=2000 --seconds=2 --no-write   a short smoke run
 *   flags: --requests=10000 --warmup=1000 --rounds=4 --round-warmup=1000 --connections=64 --rate=1000 --seconds=10 --e2e-warmup=2000
 *          --dialects=sqlite,postgres --targets=shopify,bridge --worker-concurrency=128 --worker-nice=10 --no-write
 *          --no-settle   start the measured storm right after the warm-up, without waiting for the worker
 *          --cpu-prof[=dir]   profiles each server and worker process (node --cpu-prof) for a look at the hot path
 *
 * Needs Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * With `perf` (Debian's linux-perf) it also counts instructions per request.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForBench } from './compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docPath = path.join(root, 'docs', 'benchmarks.md');
const START = '<!-- bench:ingest:start -->';
const END = '<!-- bench:ingest:end -->';
const resolver = path.join(root, 'bench', 'compiled-resolver.js');

const flags = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.length ? v.join('=') : 'true'];
  }),
);
const num = (name, fallback) => Number(flags.get(name) ?? fallback);
const settings = {
  requests: num('requests', 10_000),
  warmup: num('warmup', 1_000),
  connections: num('connections', 64),
  rate: num('rate', 1000),
  seconds: num('seconds', 10),
  e2eWarmup: num('e2e-warmup', 2_000),
  rounds: num('rounds', 4),
  roundWarmup: num('round-warmup', 1_000),
  workerConcurrency: num('worker-concurrency', 128),
  workerNice: num('worker-nice', 10),
  settle: !flags.has('no-settle'),
  dialects: (flags.get('dialects') ?? 'sqlite,postgres').split(','),
  targets: (flags.get('targets') ?? 'shopify,bridge').split(','),
};
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const shopifySecret = crypto.randomBytes(24).toString('hex');

const build = compileForBench(root);
process.env.DROPSHIP_BENCH_BUILD = build;
const env = { ...process.env, DROPSHIP_BENCH_BUILD: build };
const require = createRequire(import.meta.url);
require(resolver);
const support = require(path.join(build, 'bench', 'support.js'));

/** Node flags that profile a process when --cpu-prof is given. */
function profiling() {
  const dir = flags.get('cpu-prof') === 'true' ? 'bench-profiles' : flags.get('cpu-prof');
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

function script(file) {
  return ['-r', resolver, path.join(build, 'bench', file)];
}

function runSync(file, args) {
  const child = spawnSync(process.execPath, [...script(file), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`bench/${file} failed (exit ${child.status})`);
  return JSON.parse(line.slice(7));
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns a long-running process; resolves once `ready()` holds. */
async function startProcess(args, options) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: options.env ?? env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = [];
  let stderr = '';
  child.stdout.on('data', (chunk) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!(await options.ready(Buffer.concat(out).toString()))) {
    if (child.exitCode !== null) throw new Error(`${args.at(-1)} exited: ${stderr.slice(-3000)}`);
    if (Date.now() > deadline)
      throw new Error(`${args.join(' ')} did not become ready: ${stderr.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU time (user + system, every thread) a process has used so far, in ms, from /proc. */
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Starts bench/cpu-sampler.mjs; `busyOver(from, to)` says where the machine's CPU went between two instants. */
async function startCpuSampler(server, worker) {
  const samples = [];
  let buffered = '';
  const sampler = await startProcess(
    [path.join(root, 'bench', 'cpu-sampler.mjs'), String(server), String(worker)],
    {
      ready: () => samples.length > 0,
      onStdout: (chunk) => {
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) samples.push(line.split(' ').map(Number));
      },
    },
  );
  return {
    stop: () => sampler.stop(),
    /** CPU time in µs: the machine's busy total and each part of it; `share` is the busy fraction. */
    busyOver(from, to) {
      const start = samples.findLast(([at]) => at <= from) ?? samples[0];
      const end = samples.find(([at]) => at >= to) ?? samples.at(-1);
      const us = (i) => ((end[i] - start[i]) * 1e6) / clockTicks;
      return {
        share: (end[1] - start[1]) / (end[2] - start[2]),
        busy: us(1),
        // irq and softirq: the kernel's side of the loopback traffic, charged to no process.
        kernel: us(3),
        steal: us(4),
        server: us(5),
        worker: us(6),
        services: us(7),
        load: us(8),
        others: us(9),
      };
    },
  };
}

const SERVICES = new Set(['postgres', 'redis-server']);

/** The machine's Redis and PostgreSQL processes. */
function servicePids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (SERVICES.has(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) pids.push(entry);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

/** CPU time every Redis and PostgreSQL process of the machine has used so far, in ms (processes gone meanwhile are missed). */
function servicesCpuMs() {
  let total = 0;
  for (const pid of servicePids()) {
    try {
      total += cpuMs(pid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * Whether `perf stat` can count instructions here (linux-perf installed, the
 * CPU's counters exposed to this machine): many virtual machines say "not
 * supported".
 */
const perfCounts = (() => {
  const probe = spawnSync('perf', ['stat', '-x,', '-e', 'instructions', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+,/m.test(probe.stderr ?? '');
})();

/**
 * Counts the instructions the processes execute (user and kernel, every
 * thread) until the returned function is called; it answers the count, or
 * null without perf. A count, unlike CPU time, does not grow when the machine
 * is busy: it compares two runs, or two machines, where the times cannot.
 */
async function countInstructions(pids) {
  if (!perfCounts || pids.length === 0) return async () => null;
  const perf = spawn('perf', ['stat', '-x,', '-e', 'instructions', '-p', pids.join(',')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let report = '';
  perf.stderr.on('data', (chunk) => (report += chunk));
  // 'close', not 'exit': the count is on stderr, which may still be unread when perf exits.
  const exited = new Promise((resolve) => perf.once('close', resolve));
  // perf attaches to every thread before it counts; the load starts after.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return async () => {
    perf.kill('SIGINT');
    await exited;
    const count = report.match(/^(\d+),/m);
    return count ? Number(count[1]) : null;
  };
}

/**
 * Runs the measured closed loop and adds CPU per request (µs) of the process
 * and of Redis and PostgreSQL meanwhile, steadier than req/s on a shared
 * machine, and their instructions per request (thousands) where perf counts,
 * steadier still. The services are those running at the round's start: the
 * server's pool is warm by then, so no backend of its own is missed.
 */
async function measured(pid, url, target, targetsFile, from, count, extra) {
  const latenciesFile = path.join(os.tmpdir(), `dropship-bench-latencies-${process.pid}.json`);
  const { roundWarmup } = settings;
  const processInstructions = await countInstructions([pid]);
  const servicesInstructions = await countInstructions(servicePids());
  const before = cpuMs(pid);
  const servicesBefore = servicesCpuMs();
  const result = load(url, target, targetsFile, from, roundWarmup + count, [
    ...extra,
    `--measure-from=${roundWarmup}`,
    `--latencies=${latenciesFile}`,
  ]);
  // The round's own warm-up is inside the CPU figures: shared over its requests too.
  const perRequest = (ms) => Math.round((ms * 1000) / (roundWarmup + count));
  const cpuUs = perRequest(cpuMs(pid) - before);
  const servicesUs = perRequest(servicesCpuMs() - servicesBefore);
  const thousandsPerRequest = (n) => (n === null ? null : n / 1000 / (roundWarmup + count));
  const instructionsK = thousandsPerRequest(await processInstructions());
  const servicesInstructionsK = thousandsPerRequest(await servicesInstructions());
  const latencies = JSON.parse(fs.readFileSync(latenciesFile, 'utf8'));
  fs.rmSync(latenciesFile);
  return { ...result, latencies, cpuUs, servicesUs, instructionsK, servicesInstructionsK };
}

/** The rounds of one side as one run: totals, percentiles over every request, CPU weighted by requests. */
function combine(rounds) {
  const sum = (pick) => rounds.reduce((total, round) => total + pick(round), 0);
  const sent = sum((round) => round.sent);
  const seconds = sum((round) => round.seconds);
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const statuses = {};
  for (const round of rounds)
    for (const [status, n] of Object.entries(round.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const weighted = (pick) => Math.round(sum((round) => pick(round) * round.sent) / sent);
  const counted = (pick) => (rounds.every((round) => pick(round) !== null) ? weighted(pick) : null);
  return {
    sent,
    ok: sum((round) => round.ok),
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round(sent / seconds),
    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
    statuses,
    cpuUs: weighted((round) => round.cpuUs),
    servicesUs: weighted((round) => round.servicesUs),
    instructionsK: counted((round) => round.instructionsK),
    servicesInstructionsK: counted((round) => round.servicesInstructionsK),
    roundRps: rounds.map((round) => round.rps),
  };
}

async function answers(url) {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** The real server: the CLI's `start server`, configured as in production, its log lines going to a file. */
async function startAppServer(location, prefix) {
  const port = await freePort();
  const logFile = path.join(location.dataDir, `server-${prefix}.log`);
  const log = fs.openSync(logFile, 'a');
  const serverEnv = {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    PORT: String(port),
    DATA_DIR: location.dataDir,
    DATABASE_URL: location.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    ENCRYPTION_KEY: Buffer.from(location.keyHex, 'hex').toString('base64'),
    SHOPIFY_APP_URL: 'https://dropship.example',
    SHOPIFY_API_KEY: 'bench-api-key',
    SHOPIFY_API_SECRET: shopifySecret,
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    OPS_TOKEN: crypto.randomBytes(32).toString('hex'),
    METRICS_TOKEN: crypto.randomBytes(32).toString('hex'),
  };
  const child = spawn(
    process.execPath,
    [...profiling(), '-r', resolver, path.join(build, 'apps', 'cli', 'src', 'main.js'), 'start', 'server'],
    {
      cwd: root,
      env: serverEnv,
      stdio: ['ignore', log, 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(`${url}/healthz`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `the server did not start: ${stderr.slice(-3000)}\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}

async function startFloor(targetsFile, prefix) {
  const port = await freePort();
  const floor = await startProcess(
    [
      ...script('ingest-floor.js'),
      `--port=${port}`,
      `--redis=${redisUrl}`,
      `--prefix=${prefix}`,
      `--secret=${shopifySecret}`,
      `--targets=${targetsFile}`,
    ],
    { ready: (out) => out.includes('READY') },
  );
  return { ...floor, url: `http://127.0.0.1:${port}` };
}

function load(url, target, targetsFile, from, count, extra = []) {
  return runSync('ingest-load.js', [
    `--url=${url}`,
    `--target=${target}`,
    `--targets=${targetsFile}`,
    `--from=${from}`,
    `--count=${count}`,
    `--secret=${shopifySecret}`,
    ...extra,
  ]);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A refused warm-up request would leave its store out of every check: each one must be answered 200. */
function answeredAll(result, what) {
  if (result.ok !== result.sent)
    throw new Error(
      `${what}: ${result.sent - result.ok} of ${result.sent} answers were not 200 (${JSON.stringify(result.statuses)})`,
    );
  return result;
}

/**
 * Closed loop on the floor and on the real server, both started and warmed up,
 * then measured in alternate rounds (floor, server, floor, server, …), each
 * round with stores of its own: a slow spell of a shared machine falls on both
 * sides instead of on whichever was running, so their totals compare the two
 * under the same conditions. The floor writes no SQL, so it can take the same
 * stores' deliveries as the server.
 */
async function throughput(setup, target) {
  const { requests, warmup, connections, rounds } = settings;
  const closed = ['--mode=closed', `--connections=${connections}`];
  const floorPrefix = support.uniquePrefix('floor');
  const appPrefix = support.uniquePrefix('ingest');
  const floor = await startFloor(setup.targetsFile, floorPrefix);
  const app = await startAppServer(setup.location, appPrefix);
  try {
    answeredAll(load(floor.url, target, setup.targetsFile, 0, warmup, closed), 'floor warm-up');
    answeredAll(load(app.url, target, setup.targetsFile, 0, warmup, closed), 'server warm-up');
    const floorRounds = [];
    const appRounds = [];
    const size = Math.ceil(requests / rounds);
    for (let round = 0; round < rounds; round += 1) {
      const from = warmup + round * (settings.roundWarmup + size);
      const count = Math.min(size, requests - round * size);
      floorRounds.push(await measured(floor.pid, floor.url, target, setup.targetsFile, from, count, closed));
      appRounds.push(await measured(app.pid, app.url, target, setup.targetsFile, from, count, closed));
    }
    return { floor: combine(floorRounds), app: combine(appRounds) };
  } finally {
    await floor.stop();
    await app.stop();
    await support.dropPrefix(floorPrefix);
    await support.dropPrefix(appPrefix);
    await support.discardPendingEvents(setup.location);
  }
}

/** The stores the throughput phase sends to: its warm-up's, then each round's warm-up and measured ones. */
function throughputStores() {
  return settings.warmup + settings.rounds * settings.roundWarmup + settings.requests;
}

/** Open loop at `rate` for `seconds`, the worker in its own process; send → job done, per store. */
/**
 * Starts bench/ingest-check.js, connected and waiting: `run()` has it check
 * the stores right away and resolves with what it found.
 */
async function startCheck(setup, prefix, target, from, count) {
  let output = '';
  const child = await startProcess(
    [
      ...script('ingest-check.js'),
      `--location=${JSON.stringify(setup.location)}`,
      `--redis=${redisUrl}`,
      `--prefix=${prefix}`,
      `--targets=${setup.targetsFile}`,
      `--target=${target}`,
      `--from=${from}`,
      `--count=${count}`,
    ],
    {
      ready: () => output.includes('READY'),
      onStdout: (chunk) => (output += chunk.toString()),
    },
  );
  return {
    async run() {
      process.kill(child.pid, 'SIGUSR2');
      const result = () => output.split('\n').find((line) => line.startsWith('RESULT '));
      const deadline = Date.now() + 60_000;
      while (!result()) {
        if (Date.now() > deadline) throw new Error('bench/ingest-check.js gave no result within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await child.stop();
      return JSON.parse(result().slice(7));
    },
  };
}

async function endToEnd(setup, target) {
  const { rate, seconds, workerConcurrency, e2eWarmup } = settings;
  const prefix = support.uniquePrefix('e2e');
  // Stores after the throughput phase's: first the warm-up's, then the measured ones.
  const first = throughputStores();
  const measuredFrom = first + e2eWarmup;
  const done = new Map();
  let buffered = '';
  let ready = false;
  const worker = await startProcess(
    [
      ...profiling(),
      ...script('ingest-worker.js'),
      `--location=${JSON.stringify(setup.location)}`,
      `--redis=${redisUrl}`,
      `--prefix=${prefix}`,
      `--concurrency=${workerConcurrency}`,
      `--schedule=${setup.targetsFile},${target},${first},${e2eWarmup + rate * seconds}`,
      `--nice=${settings.workerNice}`,
    ],
    {
      ready: () => ready,
      onStdout: (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'READY') ready = true;
          const [word, id, at] = line.split(' ');
          if (word === 'DONE') done.set(id, Number(at));
        }
      },
    },
  );
  const app = await startAppServer(setup.location, prefix);
  const check = await startCheck(setup, prefix, target, measuredFrom, rate * seconds);
  const cpu = await startCpuSampler(app.pid, worker.pid);
  const count = rate * seconds;
  const sendsFile = path.join(setup.location.dataDir, `sends-${prefix}.json`);
  const http = load(app.url, target, setup.targetsFile, first, e2eWarmup + count, [
    '--mode=open',
    `--rate=${rate}`,
    `--measure-from=${e2eWarmup}`,
    `--sends=${sendsFile}`,
    ...(settings.settle ? [`--settle-redis=${redisUrl}`, `--settle-prefix=${prefix}`] : []),
  ]);
  answeredAll(http.warmup, 'end-to-end warm-up');
  const stopped = await check.run();
  const sends = JSON.parse(fs.readFileSync(sendsFile, 'utf8'));
  const deadline = Date.now() + 120_000;
  while (sends.some(([id]) => !done.has(id)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await cpu.stop();
  await app.stop();
  await worker.stop();
  await support.dropPrefix(prefix);
  await support.discardPendingEvents(setup.location);
  const latencies = sends
    .filter(([id]) => done.has(id))
    .map(([id, at]) => done.get(id) - at)
    .sort((a, b) => a - b);
  // The worker's own pace from the first measured send to its last job (warm-up jobs done meanwhile count).
  const firstSend = Math.min(...sends.map(([, at]) => at));
  const doneSince = [...done.values()].filter((at) => at >= firstSend);
  const lastDone = Math.max(...doneSince);
  const drainSeconds = (lastDone - firstSend) / 1000;
  const machineCpu = cpu.busyOver(firstSend, lastDone);
  const perSecond = new Map();
  for (const at of doneSince) {
    const second = Math.floor((at - firstSend) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  console.log(`jobs done per second since the first measured send: ${[...perSecond.values()].join(' ')}`);
  const warmupLeft = e2eWarmup - doneBefore(done, firstSend);
  const bySecond = new Map();
  for (const [id, at] of sends) {
    if (!done.has(id)) continue;
    const second = Math.floor((at - firstSend) / 1000);
    if (!bySecond.has(second)) bySecond.set(second, []);
    bySecond.get(second).push(done.get(id) - at);
  }
  const p99s = [...bySecond.values()].map((waits) =>
    percentile(
      waits.sort((x, y) => x - y),
      99,
    ),
  );
  console.log(
    `warm-up jobs not done at the first measured send: ${warmupLeft}; p99 by second of sending: ${p99s.join(' ')}`,
  );
  return {
    sent: count,
    arrivalRate: Math.round(count / http.seconds),
    http,
    stopped,
    completed: latencies.length,
    warmupLeft,
    settleMs: http.warmup.settleMs,
    workerRate: Math.round(doneSince.length / drainSeconds),
    // The machine's CPU over the same span, per job done: what one uninstall costs in all, and where it went.
    machineBusy: Math.round(machineCpu.share * 100),
    cpuUsPerJob: Object.fromEntries(
      Object.entries(machineCpu)
        .filter(([part]) => part !== 'share')
        .map(([part, us]) => [part, Math.round(us / doneSince.length)]),
    ),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
  };
}

function doneBefore(done, at) {
  let n = 0;
  for (const t of done.values()) if (t < at) n += 1;
  return n;
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
    `- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, \`nproc\` = ${os.availableParallelism()}; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `- Node ${process.version}, Redis ${version('redis-cli', ['-u', redisUrl, 'INFO', 'server'], /redis_version:(\S+)/)}, PostgreSQL ${version('psql', ['--version'], /(\d+\.\d+)/)}, SQLite through better-sqlite3 (WAL)`,
    `- Processes: the server (\`start server\`, NODE_ENV=production, JSON log lines at info level written to a file), the load generator, and for the end-to-end rows the worker; Redis and PostgreSQL on the same machine`,
    `- 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end: other processes share this machine, and the figures move with that load`,
    `- Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node bench/ingest.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``,
  ].join('\n');
}

const label = { shopify: 'Shopify `app/uninstalled`', bridge: 'Plugin bridge `POST /bridge/v1/events`' };
const dbLabel = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const mark = (ok) => (ok ? 'met' : '**missed**');

/** True when every request of the open loop was answered 2xx and the check found every store stopped. */
function allStopped(e2e) {
  const { stores, connected, gateOpen, scheduled } = e2e.stopped;
  return e2e.http.ok === e2e.sent && stores === e2e.sent && connected + gateOpen + scheduled === 0;
}

/** What the figures say, computed from them: which targets hold and what bounds them on this machine. */
function reading(results) {
  if (results.length === 0) return '';
  const { connections, rate, workerNice, e2eWarmup } = settings;
  const needed = Math.ceil((connections / 25) * 1000);
  const bestFloor = Math.max(...results.map((r) => r.floor.rps));
  const floorHeldIn = results.filter((r) => r.floor.p99Ms <= 25).length;
  const floorHeld =
    floorHeldIn === 0
      ? 'yet its own p99 stayed above 25 ms in every row'
      : `and held a p99 under 25 ms in ${floorHeldIn === results.length ? 'every row' : 'some rows'}`;
  const allDone = results.every((r) => r.e2e.completed === r.e2e.sent);
  const arrival = results
    .map((r) => `${r.e2e.arrivalRate.toLocaleString('en')}/s (${label[r.target]}, ${dbLabel[r.dialect]})`)
    .join(', ');
  const jobRates = results.map((r) => `${r.e2e.workerRate.toLocaleString('en')}/s`).join(', ');
  const span = (values, format = String) => {
    const [low, high] = [Math.min(...values), Math.max(...values)].map(format);
    return low === high ? low : `${low}–${high}`;
  };
  const cores = os.availableParallelism();
  const budgetUs = Math.round((cores * 1e6) / rate);
  const n = (v) => v.toLocaleString('en');
  const cpuRows = results
    .map(({ target, dialect, e2e }) => {
      const { busy, server, worker, services, load, kernel, steal, others } = e2e.cpuUsPerJob;
      const parts = [
        ['server', server],
        ['worker', worker],
        ['Redis and the database', services],
        ['load generator', load],
        ['kernel interrupts (the loopback traffic)', kernel],
        ['stolen by the hypervisor', steal],
        ['other processes', others],
      ];
      // The rest: this sampler, and what the kernel does outside interrupts for no process.
      // The processes' counters (their exact run time) and the machine's (sampled ticks) are
      // two clocks, so the parts can add up to a little more than the whole.
      const rest = parts.reduce((left, [, us]) => left - us, busy);
      const list = [...parts, ...(rest >= 0 ? [['the rest', rest]] : [])]
        .map(([what, us]) => `${what} ${n(us)}`)
        .join(', ');
      const over =
        rest < 0 ? `; the processes' own counters add up to ${n(-rest)} µs more than the machine's` : '';
      return `${n(busy)} µs (${label[target]}, ${dbLabel[dialect]}: ${list}${over})`;
    })
    .join('; ');
  const machineCpu = `Over that span the machine's ${cores} cores were ${span(results.map((r) => r.e2e.machineBusy))} % busy. Its CPU per disconnect done, counting every process, and what it went to: ${cpuRows}. ${rate.toLocaleString('en')} uninstalls a second on ${cores} cores leave at most ${n(budgetUs)} µs for each, so the worker keeps up only where the whole path costs less than that.`;
  const onPostgres = results.filter((r) => r.dialect === 'postgres');
  // Only rows measured on PostgreSQL have a database outside the server to count.
  const servicesOnPostgres = () =>
    onPostgres.length === 0
      ? ''
      : `: ${span(onPostgres.map((r) => r.app.servicesUs))} µs on the PostgreSQL rows, where the database's backends run on the same two cores as the server and the load generator and take that much from them`;
  const floorCpu = span(results.map((r) => r.floor.cpuUs));
  const settleNote = () =>
    settings.settle
      ? `The worker process starts with the server and takes the warm-up's jobs too; the measure begins once it has finished them (${span(results.map((r) => (r.e2e.settleMs / 1000).toFixed(1)))} s after the warm-up's last send), as a storm meets a worker that has been running. A worker process that has just started runs its first jobs slowly while its code compiles: begun right after the warm-up (\`--no-settle\`), the measure inherited about half of the warm-up's ${e2eWarmup.toLocaleString('en')} jobs, and the p99 to \`disconnected\` was 0.4–0.6 s on SQLite and 0.9–1.3 s on PostgreSQL in earlier runs of this benchmark, on a machine of this kind where the floor cost 129–155 µs of CPU per request (docs/operations.md, “Scale out”: in a rolling restart, start the new workers before stopping the old ones).`
      : `The measure began right after the warm-up, with ${span(results.map((r) => r.e2e.warmupLeft))} of its jobs not yet done by a worker that had just started.`;
  const appCpu = span(results.map((r) => r.app.cpuUs));
  return [
    '**Reading the figures.**',
    `- CPU per request is the CPU time (user + system, all threads) each process spent during its measured requests, divided by their number: ${floorCpu} µs for the floor, ${appCpu} µs for the server, ${span(results.map((r) => (r.app.cpuUs / r.floor.cpuUs).toFixed(1)))} times as much. That multiple, more than the machine's other load, is what bounds the throughput ratio: the server runs its JavaScript on one core, so it answers at most about 1,000,000 / (its µs per request) requests per second, while the floor's process leaves room on the second core to the load generator and Redis. The next column is the CPU Redis and PostgreSQL spent meanwhile, per request${servicesOnPostgres()}; on SQLite the database's work is inside the server's own figure. Both figures grow when the machine is busier (shared caches, other tenants), so compare them within one run.`,
    `- Instructions per request (\`perf stat\`, user and kernel, every thread, the round's warm-up included as for CPU) are a count, not a time: a busy machine does not inflate them, so they compare one run with another where the times above cannot. ${perfCounts ? `The server executed ${span(results.map((r) => (r.app.instructionsK / r.floor.instructionsK).toFixed(1)))} times the floor's instructions per request; to answer half the floor's requests per second on the same cores it would have to stay near twice, Redis and PostgreSQL included.` : 'This machine exposes no instruction counter, so the column is empty.'}`,
    `- p99 ≤ 25 ms with ${connections} requests always in flight needs, by Little's law, at least ${connections} / 25 ms = ${needed.toLocaleString('en')} answers per second, every one of them. The floor, which makes no SQL, reached up to ${bestFloor.toLocaleString('en')}/s here, ${floorHeld}. The server's mean time to answer is ${connections} divided by its rate (${span(results.map((r) => ((connections / r.app.rps) * 1000).toFixed(1)))} ms here), so its p99 falls under 25 ms only where its CPU per request lets it answer well over ${needed.toLocaleString('en')} a second on one core; on two cores shared with its load generator, Redis and the database, the queueing of ${connections} connections takes the rest of the budget.`,
    '- Group commit: concurrent requests share their statements. Deliveries that arrive while a batch is being written wait for the next one (no timer: a lone request goes at once), then one transaction (on PostgreSQL a single statement, one round trip) records all their events and takes their stores out of `connected` with the automation gate closed, one `addBulk` queues their jobs and their order-sync schedules are removed in the same round trip. The Shopify route also shares its store lookup; the bridge shares its site and subscription reads, and checks its replay guard (event ids in Redis, expiring with their window) with one pipeline per batch. Every request still gets its own answer, after its own batch has committed. The webhook and bridge endpoints are answered by a lane ahead of express (bare `node:http`, the same endpoints the routers mount). SQLite runs in WAL mode with synchronous=NORMAL (durable across a process crash), its checkpoints in a thread of their own; that thread restarts the WAL in place rather than truncating it (writers waited 40–70 ms for a truncation, every ~120 ms at these rates, against 3–10 ms), and a batch that finds the write lock taken tries again a millisecond later instead of letting SQLite’s busy handler sleep on the event loop. On PostgreSQL every lookup of a batch probes its index whatever the statistics say: the benchmark’s tables are freshly filled, as a growing platform’s are, and with IN lists and joins the planner scanned every Shopify store, every subscription and the whole events table at each batch; the ingest statement is prepared once per connection. The floor makes no SQL at all.',
    `- End to end, the target is read as the issue writes it: from an uninstall's send to its store \`disconnected\` with its automation stopped, which is when the worker has finished the store's disconnect job (billing, products-left report, \`disconnected\`; its notices follow). The time to the 2xx is shown beside it: the server answers only after the store has left \`connected\` (gate closed, schedule removed), so order automation has stopped by then, and a check of every store right after the last answer counts the ones still connected, still open or still scheduled (the "stopped" figure; all must be 0). The open loop asked for ${rate.toLocaleString('en')}/s and the server took ${arrival}. The measured requests follow ${e2eWarmup.toLocaleString('en')} of warm-up at the same rate: a server process that has just started, its hot path not yet compiled, answers its first requests in tens of milliseconds, so its client opens several hundred connections at once; and Node 20 (libuv 1.45 and later) accepts one connection per turn of the event loop, which lasts 10–30 ms under this load. Those connections wait in the listen queue (seen at 460) for up to 3 s while the server answers the ones it has already accepted in tens of milliseconds (its own log shows every request done in under 90 ms), and without the warm-up they alone make a p99 of 2–4 s. A sender that opens many connections at once meets the same queue on a warm server (a step from 200 to 1,000 requests per second gave a p99 of 1.7 s here): put a load balancer that keeps its connections to the servers open in front of them, and let a new server warm up before it takes its share (docs/operations.md, “Scale out”). ${settleNote()} The disconnect jobs ran in one worker process${workerNice ? ` at nice ${workerNice}` : ''} (lifecycle concurrency ${settings.workerConcurrency}; its notification jobs wait while disconnects are backlogged, as every worker's do), on the same two cores as the server, its load generator, Redis and the database: it completed disconnect jobs at about ${jobRates}, from the first measured send to its last job. ${machineCpu} Where that rate is below the arrival rate the jobs queue up, and the time to \`disconnected\` is that of the queue (the worker benchmark above gives one worker's rate alone on this machine; more worker processes, on more cores, share the backlog). ${allDone ? 'Every disconnect job completed (the "jobs done" figure); none was lost.' : 'Not every disconnect job completed within two minutes of the last request.'}`,
  ].join('\n');
}

/** The ratio of each round, lowest to highest: how much the machine moved under the run. */
function roundRatios(r) {
  const ratios = r.app.roundRps.map((rps, i) => (rps / r.floor.roundRps[i]) * 100).sort((a, b) => a - b);
  return `${ratios[0].toFixed(0)}–${ratios[ratios.length - 1].toFixed(0)} %`;
}

const thousands = (k) => `${Math.round(k).toLocaleString('en')}k`;

/** Instructions per request of the floor and the server, and of Redis and PostgreSQL meanwhile. */
function instructionsCell(r) {
  const { floor, app } = r;
  if (floor.instructionsK === null || app.instructionsK === null) return 'not counted (no `perf stat` here)';
  const multiple = (app.instructionsK / floor.instructionsK).toFixed(1);
  const services =
    floor.servicesInstructionsK === null || app.servicesInstructionsK === null
      ? ''
      : `; ${thousands(floor.servicesInstructionsK)} / ${thousands(app.servicesInstructionsK)}`;
  return `${thousands(floor.instructionsK)} / ${thousands(app.instructionsK)} (${multiple}×)${services}`;
}

function rows(results) {
  const lines = [
    `| endpoint | database | floor req/s | server req/s | ratio (≥ 50 %) | floor p50 / p99 | server p50 / p99 (p99 ≤ 25 ms) | CPU per request, floor / server | Redis + PostgreSQL CPU per request, floor / server | instructions per request, floor / server: process (multiple); Redis + PostgreSQL | at ${settings.rate.toLocaleString('en')} uninstalls/s: 2xx (store out of \`connected\`, automation stopped), p50 / p99 | at ${settings.rate.toLocaleString('en')} uninstalls/s: store \`disconnected\` (job done), p50 / p99 (p99 ≤ 1 s) |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const ratio = r.app.rps / r.floor.rps;
    const e2e = r.e2e;
    const stopped = e2e.http.ok - e2e.stopped.connected - e2e.stopped.gateOpen;
    lines.push(
      `| ${label[r.target]} | ${dbLabel[r.dialect]} | ${r.floor.rps.toLocaleString('en')} | ${r.app.rps.toLocaleString('en')} | ${(ratio * 100).toFixed(0)} % (${mark(ratio >= 0.5)}; rounds ${roundRatios(r)}) | ${r.floor.p50Ms} / ${r.floor.p99Ms} ms | ${r.app.p50Ms} / ${r.app.p99Ms} ms (${mark(r.app.p99Ms <= 25)}) | ${r.floor.cpuUs} / ${r.app.cpuUs} µs | ${r.floor.servicesUs} / ${r.app.servicesUs} µs | ${instructionsCell(r)} | ${e2e.http.p50Ms} / ${e2e.http.p99Ms} ms, ${stopped.toLocaleString('en')}/${e2e.sent.toLocaleString('en')} stopped, ${e2e.stopped.scheduled} schedules left | ${e2e.p50Ms} / ${e2e.p99Ms} ms, ${e2e.completed.toLocaleString('en')}/${e2e.sent.toLocaleString('en')} jobs done (${mark(e2e.p99Ms <= 1000 && e2e.completed === e2e.sent && allStopped(e2e))}) |`,
    );
  }
  return lines.join('\n');
}

const loadAtStart = os.loadavg()[0];
const results = [];
try {
  for (const dialect of settings.dialects) {
    const perTarget = throughputStores() + settings.e2eWarmup + settings.rate * settings.seconds;
    console.log(
      `== ${dialect}: seeding ${perTarget.toLocaleString('en')} Shopify stores and ${perTarget.toLocaleString('en')} WordPress sites`,
    );
    const setup = runSync('ingest-setup.js', [
      `--dialect=${dialect}`,
      `--shopify=${perTarget}`,
      `--sites=${perTarget}`,
    ]);
    try {
      for (const target of settings.targets) {
        console.log(
          `== ${dialect} / ${target}: throughput (${settings.requests.toLocaleString('en')} requests, ${settings.connections} connections)`,
        );
        const { floor, app } = await throughput(setup, target);
        console.log({ floor, app });
        console.log(`== ${dialect} / ${target}: end to end (${settings.rate}/s for ${settings.seconds} s)`);
        const e2e = await endToEnd(setup, target);
        console.log(e2e);
        results.push({ dialect, target, floor, app, e2e });
      }
    } finally {
      const bench = await support.openBenchDatabase(setup.location);
      await bench.destroy();
    }
  }
} finally {
  fs.rmSync(build, { recursive: true, force: true });
}

const body = [
  START,
  '## Ingest: webhooks and plugin bridge',
  '',
  machine(),
  '',
  `Throughput: ${settings.requests.toLocaleString('en')} requests after ${settings.warmup.toLocaleString('en')} of warm-up, ${settings.connections} concurrent keep-alive connections, measured in ${settings.rounds} alternating rounds (floor, server, floor, server, …, both processes running throughout, each round’s load generator first sending ${settings.roundWarmup} unmeasured requests of its own) so that the machine’s slow spells fall on both sides; the load generator, a process of its own on the same two cores, writes each request (signed before the clock starts) as one buffer on a keep-alive socket and reads each answer only as far as its status and length, so that it takes as little as it can from what it measures; the ratio is that of the totals, and the range after it the lowest and highest ratio of a round; each request a distinct signed delivery for its own connected store (its own webhook id or occurrence id), so every idempotency record is a real insert; a webhook carries the whole REST Shop resource of shopify.dev’s \`app/uninstalled\` sample (1.5 KB), as Shopify sends it. The real server verifies the signature, reads the store, records the event once, takes the store out of \`connected\` (gate closed, order-sync schedule removed), queues its job and answers; the bridge’s answer also reports the site’s monthly platform subscription (every plugin site has one, active). The floor is a bare \`node:http\` server that checks the same HMAC and adds one BullMQ job (for the bridge it holds the site secrets in memory). End to end: each store gets an order-sync schedule, then an open loop sends ${settings.rate.toLocaleString('en')} uninstalls (or plugin deactivations) per second to a freshly started server: ${settings.e2eWarmup.toLocaleString('en')} of warm-up (answered and processed like the rest, each answer checked to be 200, not measured), ${settings.settle ? 'then, once the worker has finished the warm-up’s jobs (lifecycle and notification queues empty, the connections kept open), ' : 'then '}${(settings.rate * settings.seconds).toLocaleString('en')} measured over ${settings.seconds} s, while the worker (one process, lifecycle concurrency ${settings.workerConcurrency}) runs the disconnect jobs.`,
  '',
  rows(results),
  '',
  reading(results),
  END,
].join('\n');

if (flags.has('no-write')) {
  console.log(body);
} else {
  const current = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*?${END}`), body)
    : `${current.trimEnd()}\n\n${body}\n`;
  fs.writeFileSync(docPath, next);
  console.log(body);
  console.log(`wrote ${path.relative(root, docPath)}`);
}
