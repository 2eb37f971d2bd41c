import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
export const WEB_DIR = path.join(root, 'apps', 'web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => !name.endsWith('.test.ts') && !name.endsWith('.test.tsx'))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** True when dist/index.html is older than a source of the web app (or missing). */
export function webBuildIsStale(): boolean {
  const built = path.join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.mts', 'package.json'].map((name) =>
    path.join(WEB_DIR, name),
  );
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
}

/** Builds apps/web (Vite) when dist is missing or older than its sources: the test serves the real bundle. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
}
