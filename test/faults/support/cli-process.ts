/*
 * The CLI's own `start server` / `start worker` as separate processes
 * (TypeScript through SWC, like jest), configured by environment variables
 * only, exactly as an operator runs them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/redis';
import { waitUntil } from './storm';

const root = path.resolve(__dirname, '..', '..', '..');
const main = path.join(root, 'apps', 'cli', 'src', 'main.ts');

export interface CliProcess {
  pid: number;
  /** The server's origin (`start server` only). */
  url?: string;
  /** SIGTERM, then SIGKILL if it has not exited 15 s later. */
  stop(): Promise<void>;
}

/**
 * Starts `start <role>` and resolves once it is ready: a server when its
 * /readyz answers 200, a worker when it logs "worker started".
 */
export async function startCliProcess(
  role: 'server' | 'worker',
  env: Record<string, string>,
): Promise<CliProcess> {
  const port = role === 'server' ? await freePort() : 0;
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'test', 'support', 'register-ts.js'), main, 'start', role],
    {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? `code ${child.exitCode} signal ${child.signalCode}: ${output.slice(-3000)}`
      : null;
  const url = `http://127.0.0.1:${port}`;
  const ready =
    role === 'server'
      ? async () => {
          try {
            return (await fetch(`${url}/readyz`)).status === 200;
          } catch {
            return false;
          }
        }
      : async () => output.includes('"msg":"worker started"');
  await waitUntil(`start ${role}`, async () => {
    const exit = exited();
    if (exit !== null) throw new Error(`start ${role}: the process exited first (${exit})`);
    return ready();
  });
  return {
    pid: child.pid as number,
    ...(role === 'server' ? { url } : {}),
    async stop() {
      if (exited() !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ended;
      clearTimeout(timer);
    },
  };
}
