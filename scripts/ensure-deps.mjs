// Installs the npm dependencies when a fresh clone has none yet, so `npm start`
// and `npm test` are the only two commands a newcomer needs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installed(root) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return false;
  // A lockfile changed since the last install (a pull) means the tree is stale.
  return statSync(marker).mtimeMs >= statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function run(root, args) {
  console.error(`> npm ${args.join(' ')}`);
  return spawnSync(npm, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

export function ensureDependencies(root) {
  if (installed(root)) return;
  // npm ci can refuse a valid lockfile when the registry lacks another
  // platform's optional package; npm install resolves around it.
  if (run(root, ['ci', '--no-audit', '--no-fund'])) return;
  if (run(root, ['install', '--no-audit', '--no-fund'])) return;
  console.error('Installing the npm dependencies failed (see above). Fix it, then run the command again.');
  process.exit(1);
}
