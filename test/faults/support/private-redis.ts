import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/redis';

/**
 * A redis-server of the test's own, which it may kill and restart without
 * touching the machine's shared Redis. AOF with `appendfsync always`: a job
 * Redis acknowledged survives a kill, as in a production set-up that keeps jobs.
 */
export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL by default: no chance to flush anything more). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new Error(
          `redis-server could not start (${error.message}): install it with apt-get install redis-server.`,
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-1000)}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'dropship-fault-redis-'));
  let child: ChildProcess | null = await launch(port, dir);
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!child) return;
    const running = child;
    child = null;
    running.kill(signal);
    await exited(running);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    async start() {
      if (!child) child = await launch(port, dir);
    },
    async close() {
      await stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
