#!/usr/bin/env node
// npm test [-- <jest args>]            every step below, in order, failing fast
// node scripts/test.mjs --only=services   one or more steps by name (comma-separated)
// node scripts/test.mjs --skip=build      all steps but these
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

ensureDependencies(root);
// Loaded after the install: it may use packages of the tree.
const { ensureServices } = await import('./test-services.mjs');

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const flags = new Map(
  process.argv
    .slice(2)
    .filter((a) => /^--(only|skip)=/.test(a))
    .map((a) => a.slice(2).split('=')),
);
const jestArgs = process.argv.slice(2).filter((a) => !/^--(only|skip)=/.test(a));

// One line per step. Later suites (the WordPress plugin's PHPUnit, browser tests) add theirs here.
const steps = [
  { name: 'services', run: () => ensureServices() },
  { name: 'build', run: () => run(npx, ['tsc', '-b']) },
  { name: 'typecheck', run: () => run(npx, ['tsc', '-p', 'tsconfig.check.json']) },
  { name: 'jest', run: () => run(npx, ['jest', ...jestArgs]) },
  // The plugin inside a real WordPress (Debian's wordpress on MariaDB); installs what it lacks.
  { name: 'wordpress', run: () => run('bash', ['wp-plugin-bridge/tests/run.sh']) },
];

function selected(step) {
  const only = flags.get('only')?.split(',');
  const skip = flags.get('skip')?.split(',') ?? [];
  return (!only || only.includes(step.name)) && !skip.includes(step.name);
}

const chosen = steps.filter(selected);
if (chosen.length === 0) {
  console.error(`No step selected. Steps: ${steps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const [index, step] of chosen.entries()) {
  console.log(`\n▶ [${index + 1}/${chosen.length}] ${step.name}`);
  const started = Date.now();
  try {
    await step.run();
  } catch (error) {
    console.error(
      `\n✖ step "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.log(`✔ ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll ${chosen.length} steps passed.`);
