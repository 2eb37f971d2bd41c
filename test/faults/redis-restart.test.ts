import type { RunningWorker } from '@dropship/worker';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { startPrivateRedis } from './support/private-redis';
import type { PrivateRedis } from './support/private-redis';
import {
  countEffects,
  is2xx,
  listen,
  printCounts,
  retryUntilAccepted,
  runWorker,
  seedShopifyStores,
  sendAll,
  shopifyEnv,
  uninstallDelivery,
  waitUntil,
} from './support/storm';

const STORES = 240;
let redis: PrivateRedis;
let stack: TestStack;
let server: Awaited<ReturnType<typeof listen>>;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  stack = await createTestStack({ redisUrl: redis.url, env: shopifyEnv });
  server = await listen(stack);
}, 30_000);

afterAll(async () => {
  await worker?.close({ force: true });
  await server?.close();
  await stack?.close();
  await redis?.close();
});

test('Redis killed and restarted during a webhook storm: every uninstall answered 2xx is processed, every other one was answered 5xx and is processed on retry, none twice', async () => {
  const now = stack.clock.now();
  const stores = await seedShopifyStores(stack.repos, STORES, now, 'redis');
  const deliveries = stores.map((store) => uninstallDelivery(store.domain, now));
  worker = await runWorker(stack, { redisUrl: redis.url, prefix: stack.queues.prefix });

  let outage: Promise<void> | undefined;
  const statuses = await sendAll(server.origin, deliveries, 16, async (answered) => {
    if (answered !== Math.floor(STORES / 3)) return;
    // Down for 1.5 s while requests keep arriving, then back with its AOF.
    await redis.stop('SIGKILL');
    outage = new Promise<void>((resolve) => setTimeout(resolve, 1500)).then(() => redis.start());
  });
  await outage;

  const firstRound = statuses.slice();
  const accepted = deliveries.filter((_, i) => is2xx(firstRound[i] as number));
  const refused = firstRound.filter((status) => !is2xx(status));
  // What was not accepted must have told the sender to retry: 5xx or no answer, never 4xx.
  expect(refused.filter((status) => status >= 400 && status < 500)).toEqual([]);
  expect(refused.length).toBeGreaterThan(0);
  expect(accepted.length).toBeGreaterThan(0);

  const acceptedStores = stores.filter((store) => accepted.some((d) => d.shop === store.domain));
  await waitUntil(
    'every accepted uninstall processed',
    async () => (await countEffects(stack, acceptedStores)).done.size === acceptedStores.length,
  ).catch(() => undefined);
  const beforeRetries = await countEffects(stack, acceptedStores);
  const lostAccepted = acceptedStores.length - beforeRetries.done.size;

  const retries = await retryUntilAccepted(server.origin, deliveries, statuses);
  await waitUntil(
    'every uninstall processed',
    async () => (await countEffects(stack, stores)).done.size === STORES,
  ).catch(() => undefined);
  const end = await countEffects(stack, stores);
  const counts = { lost: lostAccepted + (STORES - end.done.size), duplicated: end.duplicated };
  printCounts(
    'Redis restart during storm',
    counts,
    `${STORES} webhooks, ${accepted.length} answered 2xx, ${refused.length} answered 5xx or nothing, ${retries} retries`,
  );
  expect(statuses.every(is2xx)).toBe(true);
  expect(counts).toEqual({ lost: 0, duplicated: 0 });
}, 120_000);
