import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/redis';

const root = path.resolve(__dirname, '..', '..', '..');
const main = path.join(root, 'apps', 'cli', 'src', 'main.ts');
const register = path.join(root, 'test', 'support', 'register-ts.js');
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// The queues of the started system: its schedulers (billing sweep) are removed afterwards, not left in the shared Redis.
const prefix = uniquePrefix('cli');

afterAll(async () => {
  const redis = await connectTestRedis(redisUrl);
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The launcher in a child process, with exactly `env` (nothing inherited). */
function launch(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', register, main, ...args], { cwd: scratch, env, stdio: 'pipe' });
}

function collect(child: ChildProcess, onStdout?: (text: string) => void): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const run = (args: string[], env: Record<string, string>) => collect(launch(args, env));

let scratch: string;
let dataDir: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dropship-cli-'));
  dataDir = path.join(scratch, 'data');
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('dropship launcher', () => {
  it('a bad configuration exits 2, lists every problem on stderr, and writes nothing', async () => {
    const result = await run(['start'], {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: 'not-a-port',
    });
    expect(result.code).toBe(2);
    for (const variable of [
      'PORT',
      'SHOPIFY_APP_URL',
      'ENCRYPTION_KEY',
      'SESSION_SECRET',
      'SHOPIFY_API_SECRET',
    ]) {
      expect(result.stderr).toContain(`- ${variable}: `);
    }
    expect(result.stderr).toMatch(/^Configuration is invalid \(\d+ problems\)/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an unknown command exits 2 with the usage', async () => {
    const result = await run(['deploy'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: dropship <command>');
  });

  it('migrate applies every migration to a temporary SQLite file, then finds nothing to do', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(scratch, 'cli.sqlite')}` };
    const first = await run(['migrate'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\) to the sqlite database/);
    expect(first.stdout).toContain('001-initial');
    expect(existsSync(path.join(scratch, 'cli.sqlite'))).toBe(true);
    const second = await run(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });

  it('without a reachable Redis or a redis-server to start, exits 1 saying how to get one', async () => {
    // An empty PATH: the launcher cannot find redis-server.
    const result = await run(['start'], { PATH: '', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Redis does not answer at 127.0.0.1:1');
    expect(result.stderr).toMatch(/apt-get install -y redis-server|REDIS_URL/);
  });

  it('start all migrates, serves /readyz, prints its URLs, and exits 0 on SIGTERM', async () => {
    const child = launch(['start', 'all'], {
      DATA_DIR: dataDir,
      PORT: '0',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    });
    let announced: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const finished = collect(child, (stdout) => {
      const match = /Local: +(http:\/\/localhost:\d+)/.exec(stdout);
      if (match?.[1]) announced(match[1]);
    });
    const base = await Promise.race([
      url,
      finished.then((r) => Promise.reject(new Error(`exited early: ${r.stderr}`))),
    ]);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    // Outside production the credential key is generated on first start.
    expect(existsSync(path.join(dataDir, 'dev-encryption.key'))).toBe(true);
    child.kill('SIGTERM');
    const result = await finished;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Readiness:  ${base}/readyz`);
  });
});
