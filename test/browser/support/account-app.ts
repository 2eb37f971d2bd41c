import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import {
  createBillingTeamCollector,
  createQueueRenewalScheduler,
  startPlatformSubscription,
} from '@dropship/billing';
import type { Store, SubscriptionRecord } from '@dropship/core';
import { createBuiltInSupplier, createOutboxMailer } from '@dropship/lifecycle';
import { startServer } from '@dropship/server';
import type { RunningServer } from '@dropship/server';
import { createBridgeClient } from '@dropship/woocommerce';
import { createProcessors, startWorker } from '@dropship/worker';
import type { RunningWorker } from '@dropship/worker';
import { createTestStack, TEST_REDIS_URL } from '../../../apps/server/src/test-support/harness';
import type { TestStack } from '../../../apps/server/src/test-support/harness';
import { freePort } from '../../support/redis';
import { WEB_DIST_DIR } from './web-build';

const DAY_MS = 24 * 60 * 60 * 1000;
export const OWNER_EMAIL = 'camille@boutique-camille.test';
export const SITE_URL = 'https://boutique-camille.example.com';

export interface LeavingStore {
  accountId: string;
  store: Store;
  subscription: SubscriptionRecord;
  productTitles: string[];
  pendingOrderNames: string[];
}

export interface AccountApp {
  stack: TestStack;
  url: string;
  /** Every line the worker logged at warn or above. */
  workerLines: Array<Record<string, unknown>>;
  /** A single-use sign-in link for the account, through the login-token repository. */
  loginLink(accountId: string, storeId: string | null): Promise<string>;
  seedLeavingWooStore(): Promise<LeavingStore>;
  close(): Promise<void>;
}

function capture(lines: Array<Record<string, unknown>>) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'warn' }, stream);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Titles with a comma, quotes and an accent: the CSV must carry them unchanged.
const TITLES = [
  'Mug "Bonjour", 350 ml',
  'Tablier en lin lavé',
  'Planche à découper en bambou',
  'Théière en fonte 1,2 L',
  'Serviettes en coton (lot de 4)',
  'Bol en grès émaillé',
  'Cuillères doseuses en cuivre',
  'Carafe en verre soufflé',
  'Couteau d’office, lame 9 cm',
  'Moulin à poivre en hêtre',
  'Nappe rayée 160 × 240 cm',
  'Panier en osier tressé',
];

/** The real server (serving the built web app) and a real worker on a test stack, on a free port. */
export async function startAccountApp(): Promise<AccountApp> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const stack = await createTestStack({
    env: { PORT: String(port), SHOPIFY_APP_URL: url, BILLING_CURRENCY: 'EUR', BILLING_PRICE: '29.00' },
    options: { webDistDir: WEB_DIST_DIR },
  });
  const { repos, clock, queues, config } = stack;
  let server: RunningServer | undefined;
  let worker: RunningWorker | undefined;
  const workerLines: Array<Record<string, unknown>> = [];
  try {
    server = await startServer({ app: stack.app, port, log: stack.deps.log });
    const processors = createProcessors({
      repos,
      queues,
      clock,
      supplier: createBuiltInSupplier({ repos }),
      mailer: createOutboxMailer({ repos, clock }),
      platforms: {},
      publicBaseUrl: url,
      teamEmail: 'team@dropship.test',
    });
    worker = await startWorker({
      redisUrl: TEST_REDIS_URL,
      prefix: queues.prefix,
      processors,
      log: capture(workerLines),
    });
  } catch (error) {
    await server?.close();
    await stack.close();
    throw error;
  }

  async function loginLink(accountId: string, storeId: string | null): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await repos.loginTokens.create({
      token,
      accountId,
      storeId,
      expiresAt: new Date(now.getTime() + 10 * 60_000),
      createdAt: now,
    });
    return `${url}/account/login?token=${token}`;
  }

  /**
   * An owner whose WooCommerce store is connected with an active platform
   * subscription, a ledger of published products and pending orders; then the
   * site deletes the plugin (a signed bridge event) and the worker disconnects it.
   */
  async function seedLeavingWooStore(): Promise<LeavingStore> {
    const now = clock.now();
    const account = await repos.accounts.create({
      email: OWNER_EMAIL,
      name: 'Camille Martin',
      status: 'active',
    });
    const store = await repos.stores.create({
      accountId: account.id,
      platform: 'woocommerce',
      domain: new URL(SITE_URL).host,
      state: 'connected',
      installedAt: new Date(now.getTime() - 60 * DAY_MS),
      automationEnabled: true,
    });
    const siteSecret = randomBytes(32).toString('base64url');
    await repos.stores.setCredentials(store.id, {
      siteSecret,
      contactEmail: OWNER_EMAIL,
      locale: 'fr',
      heartbeatAt: now,
    });
    await repos.wooStores.save({
      storeId: store.id,
      siteUrl: SITE_URL,
      webhookSecret: randomBytes(32).toString('base64url'),
      at: now,
    });
    const { subscription } = await startPlatformSubscription(
      {
        repos,
        clock,
        scheduler: createQueueRenewalScheduler({ queues, clock }),
        collector: createBillingTeamCollector({ repos, clock }),
        mailer: createOutboxMailer({ repos, clock }),
        accountUrl: `${url}/app/settings/stores`,
      },
      {
        storeId: store.id,
        plan: {
          planName: config.billing.planName,
          price: { amountMinor: config.billing.amountMinor, currency: config.billing.currency },
          trialDays: 0,
        },
      },
    );
    for (const [index, title] of TITLES.entries()) {
      await repos.publishedProducts.upsert({
        storeId: store.id,
        platformProductId: String(501 + index),
        title,
        handle: `produit-${501 + index}`,
        sku: `BC-${501 + index}`,
        status: 'publish',
        storefrontUrl: `${SITE_URL}/produit/produit-${501 + index}/`,
        description: `${title}: description.`,
        imageUrls: [`${SITE_URL}/wp-content/uploads/${501 + index}.jpg`],
        publishedAt: new Date(now.getTime() - (40 - index) * DAY_MS),
      });
    }
    const pendingOrderNames = ['#3101', '#3102', '#3103'];
    for (const [index, name] of pendingOrderNames.entries()) {
      const createdAt = new Date(now.getTime() - (5 - index) * 3_600_000);
      await repos.orders.saveOnce({
        storeId: store.id,
        platformOrderId: name.slice(1),
        status: 'pending',
        containsPlatformProducts: true,
        receivedAt: createdAt,
        payload: {
          name,
          createdAt: createdAt.toISOString(),
          platformStatus: 'processing',
          lines: [{ sku: `BC-${501 + index}`, quantity: 1, platformProductId: String(501 + index) }],
          supplierLines: [{ sku: `BC-${501 + index}`, quantity: 1, platformProductId: String(501 + index) }],
        },
      });
    }
    const site = createBridgeClient({
      baseUrl: url,
      siteId: store.id,
      secret: siteSecret,
      now: () => clock.now(),
    });
    const deleted = await site.sendEvent({
      type: 'deleted',
      occurrence_id: randomUUID(),
      occurred_at: clock.now().toISOString(),
      site_url: SITE_URL,
      plugin_version: '1.0.0',
      wp_version: '6.8.1',
      wc_version: '9.9.5',
      reason: null,
    });
    if (deleted.status !== 200)
      throw new Error(
        `The bridge refused the deleted event: ${deleted.status} ${JSON.stringify(deleted.body)}`,
      );
    await waitUntil(
      'the worker to disconnect the store',
      async () => (await repos.stores.findById(store.id))?.state === 'disconnected',
    );
    return {
      accountId: account.id,
      store: (await repos.stores.findById(store.id)) as Store,
      subscription,
      productTitles: TITLES,
      pendingOrderNames,
    };
  }

  return {
    stack,
    url,
    workerLines,
    loginLink,
    seedLeavingWooStore,
    async close() {
      await worker?.close();
      await server?.close();
      await stack.close();
    },
  };
}
