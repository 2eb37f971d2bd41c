import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorKinds } from '@dropship/core';
import { QueueError } from './errors';
import type { QueueLogger } from './logger';
import { pingRedis } from './redis-health';

export interface EnsureRedisOptions {
  url: string;
  /** The private server keeps its append-only file under `${dataDir}/redis`. */
  dataDir: string;
  log: QueueLogger;
  /** Executable name (looked up on PATH) or path. */
  redisServerBin?: string;
  /** How long a started server may take to answer. */
  startTimeoutMs?: number;
}

export interface EnsureRedisResult {
  url: string;
  /** True when this call started a private redis-server. */
  started: boolean;
  /** Shuts the private server down (no-op for one that was already running). */
  stop(): Promise<void>;
}

const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function unavailable(message: string, details: Record<string, unknown> = {}): QueueError {
  return new QueueError(ErrorKinds.unavailable, message, details);
}

function serverArgs(url: URL, dir: string): string[] {
  const args = ['--port', url.port || '6379', '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no'];
  // AOF so queued jobs survive a restart; noeviction so Redis never drops them (BullMQ requirement).
  args.push('--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', '');
  if (url.password) args.push('--requirepass', decodeURIComponent(url.password));
  return args;
}

function keepTail(child: ChildProcess): () => string {
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => output.trim();
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw unavailable(
        `redis-server exited (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${output()}`,
      );
    }
    if ((await pingRedis(url, 500)).ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw unavailable(`redis-server did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

function stopper(child: ChildProcess, log: QueueLogger, url: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // SIGTERM makes Redis flush its AOF and exit; SIGKILL only if it hangs.
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        log.info({ redis: url }, 'private redis-server stopped');
        resolve();
      });
      child.kill('SIGTERM');
    });
    return stopping;
  };
}

/**
 * Makes sure a Redis answers at `url`: uses a running one, or starts a private
 * `redis-server` when the URL is local and the binary is installed; otherwise
 * throws (UNAVAILABLE) saying how to get one.
 */
export async function ensureRedis(options: EnsureRedisOptions): Promise<EnsureRedisResult> {
  const { url, log } = options;
  const ping = await pingRedis(url);
  if (ping.ok) return { url, started: false, stop: async () => undefined };

  const parsed = new URL(url);
  const howTo = 'Install one (apt-get install -y redis-server) or point REDIS_URL at a running Redis.';
  if (parsed.protocol !== 'redis:' || !localHosts.has(parsed.hostname)) {
    throw unavailable(
      `Redis does not answer at ${parsed.host} (${ping.reason}) and it is not local, so none can be started here. Start it or fix REDIS_URL.`,
    );
  }
  const bin = options.redisServerBin ?? 'redis-server';
  const dir = join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(bin, serverArgs(parsed, dir), { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = keepTail(child);
  try {
    await waitUntilAnswering(url, child, options.startTimeoutMs ?? 10_000, output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw unavailable(
        `Redis does not answer at ${parsed.host} (${ping.reason}) and ${bin} is not installed. ${howTo}`,
      );
    }
    if (error instanceof QueueError) throw error;
    throw unavailable(`Could not run ${bin}: ${(error as Error).message}. ${howTo}`);
  }
  log.info({ redis: parsed.host, dir, pid: child.pid }, 'started a private redis-server');
  return { url, started: true, stop: stopper(child, log, parsed.host) };
}
