#!/usr/bin/env node
// node scripts/start.mjs [all|server|worker|migrate|demo] [--no-build]
// Builds what changed (tsc -b is incremental), then runs the launcher,
// forwarding signals and its exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const commands = {
  all: ['start', 'all'],
  server: ['start', 'server'],
  worker: ['start', 'worker'],
  migrate: ['migrate'],
  demo: ['demo'],
};
// The demo plays on the system `npm start` is running: it never serves the web UI itself.
const servesWeb = (name) => name !== 'demo';

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const name = args.find((a) => !a.startsWith('--')) ?? 'all';
if (!(name in commands)) {
  console.error(
    `Unknown command "${name}". Use: node scripts/start.mjs ${Object.keys(commands).join('|')} [--no-build]`,
  );
  process.exit(2);
}

function runStep(label, command, commandArgs) {
  console.error(`> ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(
      `${label} failed (exit ${result.status ?? result.signal}). Fix the errors above, then start again.`,
    );
    process.exit(result.status ?? 1);
  }
}

function build() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error('TypeScript is not installed. Run "npm install" (or "npm ci") first.');
    process.exit(1);
  }
  runStep('tsc -b (incremental build)', process.execPath, [tsc, '-b']);
  const web = path.join(root, 'apps', 'web', 'package.json');
  if (servesWeb(name) && existsSync(web) && JSON.parse(readFileSync(web, 'utf8')).scripts?.build) {
    runStep('build the web UI', process.platform === 'win32' ? 'npm.cmd' : 'npm', [
      'run',
      'build',
      '--workspace',
      'apps/web',
    ]);
  }
}

ensureDependencies(root);
if (!skipBuild) build();

// Its own process group, so a terminal Ctrl+C reaches the launcher once, through us.
const child = spawn(
  process.execPath,
  [path.join(root, 'apps', 'cli', 'dist', 'main.js'), ...commands[name]],
  {
    cwd: process.cwd(),
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  },
);

// npm and the terminal may both deliver the same Ctrl+C: pass one per second on.
// A deliberate second press still reaches the launcher, which then stops waiting for jobs.
const lastForwarded = new Map();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    const now = Date.now();
    if (now - (lastForwarded.get(signal) ?? 0) < 1000) return;
    lastForwarded.set(signal, now);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`Could not run the launcher: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  const signals = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  process.exit(code ?? 128 + (signals[signal] ?? 0));
});
