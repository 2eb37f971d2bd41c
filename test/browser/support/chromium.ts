import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserType } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const root = path.resolve(__dirname, '..', '..', '..');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium: installed when missing if we are root, otherwise the test fails saying what to run. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing (${CHROMIUM_PATH}). Install it, then run the test again: sudo apt-get update && sudo apt-get install -y chromium`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
}

/** playwright-core (the driver only, no bundled browser), installed as a root dev dependency when missing. */
async function loadChromium(): Promise<BrowserType> {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    const install = ['/tmp/npm.lock', 'npm', 'install', '--no-audit', '--no-fund', '-D', 'playwright-core'];
    execFileSync('flock', install, { cwd: root, stdio: 'inherit' });
    return (await import('playwright-core')).chromium;
  }
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (a new user-data-dir), downloads accepted. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  ensureChromium();
  const chromium = await loadChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dropship-browser-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
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
