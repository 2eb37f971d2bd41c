// Makes sure the Redis and PostgreSQL the tests use answer: starts them when
// installed, installs them (root + apt-get) when missing, otherwise fails
// saying exactly what to run. Used by scripts/test.mjs and .ci/run. Also
// installs the Debian packages the browser and WordPress suites drive.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const isRoot = process.getuid?.() === 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, env = process.env) {
  console.log(`$ ${[command, ...args].map((a) => (a === '' ? "''" : a)).join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Sends PING over a raw socket; true on +PONG (or a NOAUTH error: a Redis is there). */
function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({
      host: hostname.replace(/^\[|\]$/g, ''),
      port: Number(port || 6379),
      timeout: 2000,
    });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Runs `select 1` with the repo's pg driver: proves the server accepts this URL's login. */
async function postgresAnswers(url) {
  const { Client } = createRequire(path.join(root, 'package.json'))('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error.code === '28P01' || error.code === '28000' ? `refuses the login (${error.message})` : false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresVersion() {
  const versions = existsSync('/etc/postgresql')
    ? readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0];
}

// A fresh Debian cluster asks for passwords over TCP; the test URLs log in as postgres without one.
function trustLocalLogins(version) {
  const file = `/etc/postgresql/${version}/main/pg_hba.conf`;
  const lines = 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n';
  const current = readFileSync(file, 'utf8');
  if (!current.startsWith(lines)) writeFileSync(file, lines + current);
}

const services = [
  {
    name: 'Redis',
    url: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    envName: 'TEST_REDIS_URL',
    binary: 'redis-server',
    aptPackage: 'redis-server',
    answers: redisAnswers,
    startCommand: (url) => [
      'redis-server',
      [
        '--daemonize',
        'yes',
        '--port',
        new URL(url).port || '6379',
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
    ],
  },
  {
    name: 'PostgreSQL',
    url: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    envName: 'TEST_DATABASE_URL',
    binary: 'pg_ctlcluster',
    aptPackage: 'postgresql',
    answers: postgresAnswers,
    startCommand: () => [
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', postgresVersion() ?? '<version>', 'main', 'start'],
    ],
  },
];

function display(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function howToFix(service) {
  const [command, args] = service.startCommand(service.url);
  const start = [command, ...args.map((a) => (a === '' ? "''" : a))].join(' ');
  return `Install it (sudo apt-get install -y ${service.aptPackage}), start it (sudo ${start}), or set ${service.envName}.`;
}

async function waitFor(service, seconds) {
  for (let i = 0; i < seconds * 4; i += 1) {
    const answer = await service.answers(service.url);
    if (answer === true) return;
    if (typeof answer === 'string')
      throw new Error(`${service.name} at ${display(service.url)} ${answer}. Fix ${service.envName}.`);
    await sleep(250);
  }
  throw new Error(
    `${service.name} did not answer at ${display(service.url)} within ${seconds} s after starting. ${howToFix(service)}`,
  );
}

function installMissing(missing) {
  const packages = missing.map((s) => s.aptPackage);
  if (!isRoot || !hasCommand('apt-get')) {
    throw new Error(
      `${missing.map((s) => s.name).join(' and ')} not installed. Run: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', ...packages], env);
  if (missing.some((s) => s.name === 'PostgreSQL')) trustLocalLogins(postgresVersion());
}

/** Resolves when both services answer; throws with what to run otherwise. */
export async function ensureServices() {
  const down = [];
  for (const service of services) {
    const answer = await service.answers(service.url);
    if (answer === true) console.log(`${service.name} answers at ${display(service.url)}`);
    else if (typeof answer === 'string')
      throw new Error(`${service.name} at ${display(service.url)} ${answer}. Fix ${service.envName}.`);
    else down.push(service);
  }
  const remote = down.filter((s) => !localHosts.has(new URL(s.url).hostname));
  if (remote.length > 0) {
    throw new Error(
      remote
        .map((s) => `${s.name} does not answer at ${display(s.url)} (not local: start it there).`)
        .join(' '),
    );
  }
  const missing = down.filter((s) => !hasCommand(s.binary));
  if (missing.length > 0) installMissing(missing);
  for (const service of down) {
    const [command, args] = service.startCommand(service.url);
    try {
      run(command, args);
    } catch (error) {
      throw new Error(`Could not start ${service.name} (${error.message}). ${howToFix(service)}`);
    }
    await waitFor(service, 20);
    console.log(`${service.name} started and answers at ${display(service.url)}`);
  }
}

const CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium, PHP, PHPUnit and WordPress, installed before the suites start
 * (and by the browser tests' helper when a suite runs alone).
 */
export function ensureTestPackages() {
  run('bash', [path.join(root, 'wp-plugin-bridge/tests/install-packages.sh')]);
  if (existsSync(CHROMIUM)) return;
  if (!isRoot || !hasCommand('apt-get'))
    throw new Error(
      `Chromium is missing (${CHROMIUM}). Run: sudo apt-get update && sudo apt-get install -y chromium`,
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', 'chromium'], env);
}
