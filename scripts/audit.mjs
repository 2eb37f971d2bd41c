#!/usr/bin/env node
// npm audit of the production dependencies: fails (exit 1) on any high or
// critical advisory. When the registry cannot answer the audit request (an
// error status, no network, a mirror without the advisory endpoint) it says so
// and exits 0: that is not a clean bill of health, and the warning says that.
//   node scripts/audit.mjs [--level=high]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const level = (process.argv.find((a) => a.startsWith('--level=')) ?? '--level=high').slice(8);
const failing = level === 'critical' ? ['critical'] : ['high', 'critical'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.error) {
  console.error(`npm audit could not run: ${run.error.message}`);
  process.exit(1);
}

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}

const unavailable =
  report === null ||
  (report.error !== undefined && report.metadata === undefined) ||
  (typeof report.statusCode === 'number' && report.metadata === undefined);
if (unavailable) {
  const reason =
    report?.message ?? report?.error?.summary ?? (run.stderr.trim().split('\n').at(-1) || 'no report');
  console.warn(
    `::warning::npm audit is UNAVAILABLE (${reason}). Production dependencies were NOT checked for advisories. ` +
      'Run "node scripts/audit.mjs" where the registry answers the audit endpoint (registry.npmjs.org does).',
  );
  process.exit(0);
}

const counts = report.metadata?.vulnerabilities ?? {};
const found = failing.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
const names = Object.entries(report.vulnerabilities ?? {})
  .filter(([, v]) => failing.includes(v.severity))
  .map(([name, v]) => `${name} (${v.severity})`);
console.log(
  `npm audit --omit=dev: ${Object.entries(counts)
    .map(([severity, n]) => `${severity} ${n}`)
    .join(', ')}`,
);
if (found > 0) {
  console.error(
    `${found} ${failing.join('/')} advisory(ies) in production dependencies: ${names.join(', ')}. Update them (npm audit fix --omit=dev) or pin a fixed version.`,
  );
  process.exit(1);
}
console.log(`No ${failing.join(' or ')} advisory in production dependencies.`);
