import { ErrorKinds, StoreStates } from '@dropship/core';
import type { Repositories, Store } from '@dropship/core';
import type { CliIo } from '../cli-io';
import { CliError } from '../errors';
import { DemoAccount } from './demo-account';
import { describeEvent, describeOutbox, describeStore, whereToLook } from './demo-report';
import { isLive, reinstallDemoShop, sendSiteEvent } from './reconnect-demo';
import type { DemoDeps, EventRef } from './reconnect-demo';
import { seedDemo } from './seed-demo';
import type { SeedDemoResult } from './seed-demo';
import { sendUninstallWebhook } from './shopify-uninstall';

export interface PlayDemoOptions {
  /** How long to wait for the worker at each stage. Default 30 s. */
  timeoutMs?: number;
}

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function requireRunningSystem(appUrl: string): Promise<void> {
  let detail: string;
  try {
    const response = await fetch(`${appUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
    if (response.status === 200) return;
    detail = `/readyz answered ${response.status}: ${await response.text()}`;
  } catch (error) {
    detail =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  }
  throw new CliError(
    ErrorKinds.unavailable,
    `Dropship Connect is not running at ${appUrl} (${detail}). Start it with npm start in another terminal (same PORT, DATA_DIR and REDIS_URL), wait for its URLs, then run npm run demo again.`,
  );
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new CliError(
        ErrorKinds.unavailable,
        `Waited ${timeoutMs / 1000} s for ${what}. Is the worker running? npm start runs the server and the worker (npm run start:worker runs one alone); its log says what failed.`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function settled(repos: Repositories, refs: readonly EventRef[]): Promise<boolean> {
  for (const ref of refs) {
    const event = await repos.lifecycleEvents.findByDelivery(ref.channel, ref.deliveryId);
    if (!event || event.outcome === 'pending') return false;
  }
  return true;
}

/** Puts disconnected demo stores back (a reinstall, a plugin reactivation) so the story can play again. */
async function reconnectStores(deps: DemoDeps, io: CliIo, seeded: SeedDemoResult, timeoutMs: number) {
  const refs: EventRef[] = [];
  if (seeded.shopify.store.state !== StoreStates.connected) {
    io.out(`  ${DemoAccount.shopifyDomain} was disconnected by an earlier run: reinstalling it.`);
    refs.push(await reinstallDemoShop(deps, seeded.shopify.store));
  }
  if (seeded.woocommerce.store.state !== StoreStates.connected) {
    io.out(`  ${DemoAccount.wooDomain} was disconnected by an earlier run: its plugin sends "activated".`);
    const { occurrenceId } = await sendSiteEvent(deps, seeded.woocommerce.store, 'activated');
    refs.push({ channel: 'wp_bridge', deliveryId: occurrenceId });
  }
  if (refs.length === 0) return seeded;
  await waitFor('the demo stores to reconnect', () => settled(deps.repos, refs), timeoutMs);
  const ids = [seeded.shopify.store.id, seeded.woocommerce.store.id];
  await waitFor(
    'order automation to reopen',
    async () => (await Promise.all(ids.map((id) => deps.repos.stores.findById(id)))).every(isLive),
    timeoutMs,
  );
  // Lifecycle events are dated to the second: leave one between the reconnection and the departures.
  await sleep(1100);
  return seedDemo(deps);
}

async function leave(deps: DemoDeps, io: CliIo, seeded: SeedDemoResult) {
  const { config, clock } = deps;
  io.out('Playing the departures:');
  const uninstall = await sendUninstallWebhook({
    appUrl: config.appUrl,
    shop: DemoAccount.shopifyDomain,
    apiSecret: config.shopify.apiSecret,
    apiVersion: config.shopify.apiVersion,
    now: clock.now(),
  });
  if (uninstall.status !== 200) {
    throw new CliError(
      ErrorKinds.unavailable,
      `The app refused the signed app/uninstalled webhook (${uninstall.status}): ${uninstall.body}`,
    );
  }
  io.out(
    `  Shopify → POST /webhooks/app/uninstalled (signed, X-Shopify-Webhook-Id ${uninstall.webhookId}): ${uninstall.status}`,
  );
  const deactivated = await sendSiteEvent(
    deps,
    seeded.woocommerce.store,
    'deactivated',
    'Demo: closing the shop',
  );
  io.out(`  WordPress → POST /bridge/v1/events "deactivated" (signed): ${deactivated.status}`);
  await sleep(1100);
  const deleted = await sendSiteEvent(deps, seeded.woocommerce.store, 'deleted');
  io.out(`  WordPress → POST /bridge/v1/events "deleted" (signed): ${deleted.status}`);
  return [
    { label: 'Shopify app/uninstalled', ref: { channel: 'shopify', deliveryId: uninstall.webhookId } },
    {
      label: 'WordPress plugin deactivated',
      ref: { channel: 'wp_bridge', deliveryId: deactivated.occurrenceId },
    },
    { label: 'WordPress plugin deleted', ref: { channel: 'wp_bridge', deliveryId: deleted.occurrenceId } },
  ];
}

async function printOutcome(
  deps: DemoDeps,
  io: CliIo,
  sent: Awaited<ReturnType<typeof leave>>,
  stores: Store[],
) {
  io.out('');
  io.out('What happened:');
  for (const { label, ref } of sent) {
    const event = await deps.repos.lifecycleEvents.findByDelivery(ref.channel, ref.deliveryId);
    io.out(describeEvent(label, '200 accepted', event));
  }
  io.out('');
  for (const store of stores) for (const line of await describeStore(deps, store)) io.out(`  ${line}`);
}

/**
 * The whole story on the running system: the demo Shopify store uninstalls
 * (a signed `app/uninstalled` webhook) and the demo WooCommerce site
 * deactivates then deletes the plugin (signed bridge events); waits for the
 * worker, then prints the stores, their billing, the outbox and where to look.
 * Repeatable: stores an earlier run disconnected are reconnected first.
 */
export async function playDemo(deps: DemoDeps, io: CliIo, options: PlayDemoOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  await requireRunningSystem(deps.config.appUrl);
  const startedAt = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  io.out(`Dropship Connect demo on ${deps.config.appUrl} (account ${DemoAccount.email})`);
  const seeded = await reconnectStores(deps, io, await seedDemo(deps), timeoutMs);
  const sent = await leave(deps, io, seeded);
  await waitFor(
    'the worker to process the departures',
    () =>
      settled(
        deps.repos,
        sent.map((s) => s.ref),
      ),
    timeoutMs,
  );
  const ids = [seeded.shopify.store.id, seeded.woocommerce.store.id];
  const disconnected = async () =>
    (await Promise.all(ids.map((id) => deps.repos.stores.findById(id)))).filter(
      (store): store is Store => store?.state === StoreStates.disconnected,
    );
  await waitFor('both stores to be disconnected', async () => (await disconnected()).length === 2, timeoutMs);
  // The products-left and team messages are jobs of their own, queued by the disconnect.
  await waitFor(
    'the notifications',
    async () => (await deps.repos.outbox.list({ limit: 1000 })).some((m) => m.createdAt >= startedAt),
    timeoutMs,
  ).catch(() => undefined);
  await printOutcome(deps, io, sent, await disconnected());
  io.out('');
  io.out('Outbox (e-mails written by the worker):');
  for (const line of await describeOutbox(deps.repos, startedAt)) io.out(line);
  io.out('');
  io.out('Where to look:');
  for (const line of whereToLook(deps.config, await disconnected(), seeded.loginUrl)) io.out(line);
  io.out('');
  io.out(
    'Run npm run demo again to replay it: the stores are reconnected first (a reinstall, a plugin reactivation).',
  );
}
