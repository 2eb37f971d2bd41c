import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const E2E_DIR = path.resolve(__dirname, '../../wp-plugin-bridge/tests/e2e');

export interface DriverResult {
  step: string;
  options: string[];
  outbox: string[];
  [key: string]: unknown;
}

export interface WordPressSite {
  readonly workDir: string;
  readonly pluginDir: string;
  /** Runs one step of driver.php in a fresh PHP process (asynchronously: the platform answers in this process). */
  step(name: string, arg?: string): Promise<DriverResult>;
  destroy(): Promise<void>;
}

/** A private real WordPress on the local MariaDB with the plugin installed, inactive. */
export async function prepareWordPress(): Promise<WordPressSite> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'dropship-wp-e2e-'));
  const database = `dropship_wp_e2e_${randomBytes(4).toString('hex')}`;
  try {
    await run('bash', [path.join(E2E_DIR, 'prepare-wordpress.sh'), workDir, database], { timeout: 120_000 });
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `A real WordPress could not be prepared: ${stderr.trim()}\nInstall what it names (or run "bash wp-plugin-bridge/tests/run.sh" once as root, which installs everything).`,
    );
  }
  const env = { ...process.env, DROPSHIP_TEST_WP_CONFIG: path.join(workDir, 'wp-config.php') };
  return {
    workDir,
    pluginDir: path.join(workDir, 'wp-content/plugins/dropship-connect'),
    async step(name, arg) {
      const args = [path.join(E2E_DIR, 'driver.php'), name, ...(arg === undefined ? [] : [arg])];
      const { stdout } = await run('php', args, { env, timeout: 60_000 });
      const json = stdout.slice(stdout.indexOf('{'));
      return JSON.parse(json) as DriverResult;
    },
    async destroy() {
      await run('mysql', ['-h127.0.0.1', '-uroot', '-e', `DROP DATABASE IF EXISTS \`${database}\``]).catch(
        () => undefined,
      );
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
