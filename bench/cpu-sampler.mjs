#!/usr/bin/env node
/**
 * Where the machine's CPU goes, for the ingest benchmark's end-to-end span:
 * reads /proc every 200 ms, in a process of its own (the benchmark waits on
 * its load generator synchronously and cannot sample meanwhile). Every
 * process's CPU (user + system) is added to a class: the server and the
 * worker (their pids are the arguments), Redis and PostgreSQL (backends come
 * and go: each counts while it lives), the load generator, other processes.
 * Prints one line a sample: the time, the machine's busy and total ticks, its
 * irq + softirq and steal ticks, then the ticks of each class in that order.
 *
 *   node bench/cpu-sampler.mjs <server pid> <worker pid>
 */
import fs from 'node:fs';

const [server, worker] = process.argv.slice(2);
const SERVICES = new Set(['postgres', 'redis-server']);
const LOAD_GENERATOR = 'bench/ingest-load.js';
const CLASSES = ['server', 'worker', 'services', 'load', 'others'];

const sums = Object.fromEntries(CLASSES.map((name) => [name, 0]));
const last = new Map();
let started = false;

function classOf(pid, command) {
  if (pid === server) return 'server';
  if (pid === worker) return 'worker';
  if (SERVICES.has(command)) return 'services';
  try {
    if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LOAD_GENERATOR)) return 'load';
  } catch {
    // Ended meanwhile.
  }
  return 'others';
}

function sampleProcesses() {
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(process.pid)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // Ended between the listing and the read.
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const seen = last.get(pid);
    const kind = seen?.kind ?? classOf(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    // A process running before the first sample counts from then; one started later, from its start.
    sums[kind] += ticks - (seen?.ticks ?? (started ? 0 : ticks));
    last.set(pid, { kind, ticks });
  }
}

function sample() {
  sampleProcesses();
  const [, ...cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const line = [
    Date.now(),
    total - idle,
    total,
    cpu[5] + cpu[6],
    cpu[7],
    ...CLASSES.map((name) => sums[name]),
  ];
  process.stdout.write(`${line.join(' ')}\n`);
  started = true;
}

sample();
setInterval(sample, 200);
