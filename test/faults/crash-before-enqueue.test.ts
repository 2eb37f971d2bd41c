import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { loadConfig } from '@dropship/config';
import { lifecycleJobId } from '@dropship/queues';
import type { RunningWorker } from '@dropship/worker';
import { start } from '../../apps/cli/src/commands/start';
import type { RunningApp } from '../../apps/cli/src/commands/start';
import {
  createTestStack,
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
} from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import {
  countEffects,
  printCounts,
  runWorker,
  seedShopifyStores,
  send,
  shopifyEnv,
  uninstallDelivery,
  waitUntil,
} from './support/storm';

const root = path.resolve(__dirname, '..', '..');
const encryptionKey = randomBytes(32).toString('base64');
let stack: TestStack;
let dataDir: string;
let running: RunningApp | undefined;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  stack = await createTestStack({ dialect: 'postgres', env: shopifyEnv });
  dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-crash-'));
});

afterAll(async () => {
  await worker?.close({ force: true });
  await running?.close();
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function databaseUrl(): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', stack.db.schema as string);
  return url.toString();
}

/** Starts the crashing server process; resolves with its URL and a promise of its end. */
function crashingServer(): Promise<{ url: string; exited: Promise<NodeJS.Signals | null> }> {
  const options = {
    databaseUrl: databaseUrl(),
    dataDir,
    encryptionKey,
    redisUrl: TEST_REDIS_URL,
    prefix: stack.queues.prefix,
    env: shopifyEnv,
  };
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(root, 'test', 'support', 'register-ts.js'),
      path.join(__dirname, 'fixtures', 'crashing-server.ts'),
      JSON.stringify(options),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { event: string; url: string };
      if (message.event === 'listening') resolve({ url: message.url, exited });
    });
    void exited.then(() =>
      reject(new Error(`the crashing server exited before listening: ${stderr.slice(-2000)}`)),
    );
  });
}

test('a server killed between recording an uninstall and queueing its job: the next start queues it, the job runs once, and the sender’s retry changes nothing', async () => {
  const now = stack.clock.now();
  const stores = await seedShopifyStores(stack.repos, 3, now, 'crash');
  const deliveries = stores.map((store) => uninstallDelivery(store.domain, now));

  for (const delivery of deliveries) {
    const server = await crashingServer();
    // The process dies inside the request: the sender gets no answer at all.
    expect(await send(server.url, delivery)).toBe(0);
    expect(await server.exited).toBe('SIGKILL');
  }
  const ours = (
    await Promise.all(
      stores.map((store) => stack.repos.lifecycleEvents.list({ storeId: store.id, limit: 10 })),
    )
  ).flat();
  expect(ours.map((event) => event.outcome)).toEqual(['pending', 'pending', 'pending']);
  for (const event of ours)
    expect(await stack.queues.lifecycle.getJobState(lifecycleJobId(event.id))).toBe('unknown');

  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: stack.queues.prefix,
    PORT: '0',
    ENCRYPTION_KEY: encryptionKey,
    LOG_LEVEL: 'silent',
    ...shopifyEnv,
  });
  running = await start('server', config, pino({ level: 'silent' }), {
    out: () => undefined,
    err: () => undefined,
  });
  for (const event of ours) {
    expect(['waiting', 'prioritized', 'delayed']).toContain(
      await stack.queues.lifecycle.getJobState(lifecycleJobId(event.id)),
    );
  }

  worker = await runWorker(stack, { redisUrl: TEST_REDIS_URL, prefix: stack.queues.prefix });
  await waitUntil(
    'the recovered jobs ran',
    async () => (await countEffects(stack, stores)).done.size === 3,
    30_000,
  );
  // Shopify had no answer, so it retries each delivery: recorded once already, nothing more happens.
  for (const delivery of deliveries) expect(await send(running.server?.url as string, delivery)).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const end = await countEffects(stack, stores);
  const counts = { lost: stores.length - end.done.size, duplicated: end.duplicated };
  printCounts(
    'Server killed between record and enqueue',
    counts,
    '3 uninstalls, each killing its server process; recovered at the next start, then retried by the sender',
  );
  expect(counts).toEqual({ lost: 0, duplicated: 0 });
}, 90_000);
