#!/usr/bin/env node
// npm test [-- <jest args>]            every step below, in order, failing fast
// node scripts/test.mjs --only=services   one or more steps by name (comma-separated)
// node scripts/test.mjs --skip=build      all steps but these
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
const { ensureServices, ensureTestPackages } = await import('./test-services.mjs');

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const flags = new Map(
  process.argv
    .slice(2)
    .filter((a) => /^--(only|skip)=/.test(a))
    .map((a) => a.slice(2).split('=')),
);
const jestArgs = process.argv.slice(2).filter((a) => !/^--(only|skip)=/.test(a));

// Each runner also writes a machine-readable result, summed into the closing line.
const results = path.join(root, 'test-output');
const jestJson = path.join(results, 'jest-results.json');
const phpunitXml = path.join(results, 'phpunit-junit.xml');
mkdirSync(results, { recursive: true });
rmSync(jestJson, { force: true });
rmSync(phpunitXml, { force: true });

// One line per step.
const steps = [
  { name: 'services', run: () => ensureServices() },
  // Chromium, PHP and WordPress for the browser and end-to-end suites; installs what it lacks.
  { name: 'packages', run: () => ensureTestPackages() },
  { name: 'build', run: () => run(npx, ['tsc', '-b']) },
  { name: 'typecheck', run: () => run(npx, ['tsc', '-p', 'tsconfig.check.json']) },
  { name: 'jest', run: () => run(npx, ['jest', '--json', `--outputFile=${jestJson}`, ...jestArgs]) },
  // The plugin inside a real WordPress (Debian's wordpress on MariaDB).
  {
    name: 'wordpress',
    run: () => run('bash', ['wp-plugin-bridge/tests/run.sh', '--log-junit', phpunitXml]),
  },
];

/** Tests passed and failed across every runner that wrote its results; empty when none ran. */
function tally() {
  if (!existsSync(jestJson) && !existsSync(phpunitXml)) return '';
  let passed = 0;
  let failed = 0;
  if (existsSync(jestJson)) {
    const jest = JSON.parse(readFileSync(jestJson, 'utf8'));
    passed += jest.numPassedTests;
    failed += jest.numFailedTests;
  }
  if (existsSync(phpunitXml)) {
    const suite = /<testsuite\b[^>]*>/.exec(readFileSync(phpunitXml, 'utf8'))?.[0] ?? '';
    const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
    const bad = count('failures') + count('errors');
    passed += count('tests') - bad - count('skipped');
    failed += bad;
  }
  return `${passed} passed, ${failed} failed`;
}

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
    const totals = tally();
    if (totals) console.log(`\n${totals}`);
    process.exit(1);
  }
  console.log(`✔ ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll ${chosen.length} steps passed.`);
const totals = tally();
if (totals) console.log(totals);
