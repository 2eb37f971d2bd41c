import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Repositories, Store } from '@dropship/core';
import { createCipher, createRepositories } from '@dropship/storage';
import { signBridgeRequest } from '@dropship/woocommerce';
import {
  createTestStack,
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
} from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { seedPluginSite } from '../support/seed-sites';
import { startCliProcess } from './support/cli-process';
import type { CliProcess } from './support/cli-process';
import {
  countEffects,
  is2xx,
  printCounts,
  seedShopifyStores,
  send,
  shopifyEnv,
  uninstallDelivery,
  waitUntil,
} from './support/storm';
import type { Delivery } from './support/storm';

const SERVERS = 3;
const WORKERS = 2;
const COPIES = 3;
const encryptionKey = randomBytes(32);
let stack: TestStack;
let repos: Repositories;
let dataDir: string;
const processes: CliProcess[] = [];

beforeAll(async () => {
  stack = await createTestStack({ dialect: 'postgres', env: shopifyEnv });
  // The processes' key: the site secrets written here must be readable there.
  repos = createRepositories(stack.db, createCipher(encryptionKey));
  dataDir = mkdtempSync(path.join(tmpdir(), 'dropship-processes-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

function processEnv(): Record<string, string> {
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', stack.db.schema as string);
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: stack.queues.prefix,
    ENCRYPTION_KEY: encryptionKey.toString('base64'),
    ...shopifyEnv,
  };
}

/** Connected WooCommerce sites, each with its site secret and the platform's monthly subscription. */
async function seedSites(count: number): Promise<Array<{ store: Store; secret: string }>> {
  const installedAt = new Date(Date.now() - 86_400_000);
  const run = randomUUID().slice(0, 6);
  const sites: Array<{ store: Store; secret: string }> = [];
  for (let i = 0; i < count; i += 1)
    sites.push(await seedPluginSite(repos, `site-${run}-${i}.example.com`, installedAt));
  return sites;
}

/** Sends one delivery to the server it is given; a copy of it goes to another. */
type Sender = (origin: string) => Promise<number>;

const shopifySender =
  (delivery: Delivery): Sender =>
  (origin) =>
    send(origin, delivery);

/** A plugin deactivation: every copy is the same occurrence, signed anew as the plugin does on a retry. */
function bridgeSender(store: Store, secret: string): Sender {
  const body = JSON.stringify({
    type: 'deactivated',
    occurrence_id: randomUUID(),
    occurred_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    site_url: `https://${store.domain}`,
    plugin_version: '1.0.0',
    wp_version: '6.1.1',
    wc_version: '9.4.2',
  });
  return (origin) => {
    const { headers } = signBridgeRequest({
      method: 'POST',
      path: '/bridge/v1/events',
      siteId: store.id,
      secret,
      rawBody: body,
    });
    const delivery = {
      shop: store.domain,
      webhookId: '',
      body,
      headers: { ...headers, 'content-type': 'application/json' },
    };
    return send(origin, delivery, '/bridge/v1/events');
  };
}

test(`${SERVERS} server and ${WORKERS} worker processes on one PostgreSQL and one Redis: every departure delivered ${COPIES} times at once, each copy to another server, is done once`, async () => {
  const shops = await seedShopifyStores(repos, 40, new Date(), 'many');
  const sites = await seedSites(20);
  for (const store of [...shops, ...sites.map((site) => site.store)])
    await stack.queues.scheduleOrderSync(store.id, { everyMs: 3_600_000 });

  const env = processEnv();
  const servers = await Promise.all(Array.from({ length: SERVERS }, () => startCliProcess('server', env)));
  processes.push(...servers);
  const origins = servers.map((server) => server.url as string);

  const senders: Sender[] = [
    ...shops.map((store) => shopifySender(uninstallDelivery(store.domain, new Date()))),
    ...sites.map(({ store, secret }) => bridgeSender(store, secret)),
  ];
  // Every copy in flight at the same time, copy k of departure i on server (i + k) mod 3:
  // the same delivery races itself across processes that share nothing but the database and Redis.
  const copies = senders.flatMap((sender, index) =>
    Array.from({ length: COPIES }, (_, copy) => () => sender(origins[(index + copy) % SERVERS] as string)),
  );
  const statuses = await Promise.all(copies.map((sendCopy) => sendCopy()));
  const refused = statuses.filter((status) => !is2xx(status));
  expect(refused).toEqual([]);

  // Every store has left `connected` by the time its senders got their answers, before any worker runs.
  const all = [...shops, ...sites.map((site) => site.store)];
  const after = await Promise.all(all.map((store) => repos.stores.findById(store.id)));
  expect(after.filter((store) => store?.state === 'connected' || store?.automationEnabled)).toEqual([]);
  const schedulers = await stack.queues.orderSync.getJobSchedulersCount();
  expect(schedulers).toBe(0);

  const workers = await Promise.all(Array.from({ length: WORKERS }, () => startCliProcess('worker', env)));
  processes.push(...workers);
  // A late retry of each departure, to yet another server, while the workers run.
  const late = await Promise.all(
    senders.map((sender, index) => sender(origins[(index + COPIES) % SERVERS] as string)),
  );
  expect(late.filter((status) => !is2xx(status))).toEqual([]);

  const effects = () => countEffects({ repos, db: stack.db }, all);
  await waitUntil('every departure done', async () => (await effects()).done.size === all.length, 90_000);
  // Time for a duplicate job, had there been one, to finish too.
  await waitUntil(
    'the queues drained',
    async () => {
      const counts = await stack.queues.lifecycle.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const notices = await stack.queues.notifications.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
      );
      return [...Object.values(counts), ...Object.values(notices)].every((n) => n === 0);
    },
    60_000,
  );
  const end = await effects();
  const failed = await stack.queues.lifecycle.getJobCounts('failed');
  const counts = { lost: all.length - end.done.size, duplicated: end.duplicated };
  printCounts(
    `${SERVERS} servers and ${WORKERS} workers`,
    counts,
    `${shops.length} uninstalls and ${sites.length} plugin deactivations, each sent ${COPIES + 1} times across the servers (${statuses.length + late.length} requests)`,
  );
  expect(counts).toEqual({ lost: 0, duplicated: 0 });
  expect(failed.failed).toBe(0);
  // One recorded event per departure, whatever the number of copies and servers.
  const events = await Promise.all(
    all.map((store) => repos.lifecycleEvents.list({ storeId: store.id, limit: 10 })),
  );
  expect(events.map((list) => list.length)).toEqual(all.map(() => 1));
}, 240_000);
