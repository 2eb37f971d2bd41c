import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '..', '..', '..');
const fixture = path.join(__dirname, '..', 'fixtures', 'worker-process.ts');

export interface WorkerEvent {
  event: string;
  pid: number;
  [key: string]: unknown;
}

export interface ChildWorker {
  process: ChildProcess;
  events: WorkerEvent[];
  waitFor(predicate: (e: WorkerEvent) => boolean, what: string, timeoutMs?: number): Promise<WorkerEvent>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Spawns the worker fixture as a real process (TypeScript through SWC, like jest). */
export function spawnWorker(options: Record<string, unknown>): ChildWorker {
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'test', 'support', 'register-ts.js'), fixture, JSON.stringify(options)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const events: WorkerEvent[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as WorkerEvent);
    } catch {
      stderr += `${line}\n`;
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    events,
    async waitFor(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = events.find(predicate);
        if (found) return found;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`worker ${child.pid} never reported ${what}; stderr: ${stderr.slice(-2000)}`);
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
