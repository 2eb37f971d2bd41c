import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const INSTALL_LOCK = path.join(tmpdir(), 'dropship-test-packages.lock');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Debian's chromium. When missing, the test command's own installer (the
 * `packages` step of `npm test`) installs it, as root; otherwise it fails
 * saying what to run. So a suite run alone sets itself up as `npm test` does.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const install = "import { ensureTestPackages } from './scripts/test-services.mjs'; ensureTestPackages();";
  // Test files run in parallel: one installs, the others wait on the lock and then find it there.
  execFileSync('flock', [INSTALL_LOCK, process.execPath, '--input-type=module', '-e', install], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (a new user-data-dir), downloads accepted. */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<LaunchedBrowser> {
  ensureChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dropship-browser-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    viewport,
    locale: 'en-GB',
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
