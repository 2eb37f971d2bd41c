import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

import { failLifecycleJob } from '../../apps/server/src/ops/test-support/team';
import { launchChromium } from '../support/chromium';
import type { LaunchedBrowser } from '../support/chromium';
import { PASSWORD, startOpsApp } from './support/ops-app';
import type { OpsApp } from './support/ops-app';

const OUT = path.resolve(__dirname, '../../test-output/ops');
let app: OpsApp;
let browser: LaunchedBrowser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  app = await startOpsApp();
  // Wide enough for the ops tables without horizontal scrolling.
  browser = await launchChromium({ width: 1360, height: 900 });
  await app.installAndSubscribe('lamp-house.myshopify.com');
  await app.deliver('/webhooks/app/uninstalled', {
    topic: 'app/uninstalled',
    shop: 'lamp-house.myshopify.com',
    body: app.standIn.uninstall('lamp-house.myshopify.com'),
    triggeredAt: app.stack.clock.now(),
  });
  const { storeId } = await app.woocommerceStoreLeaves('shop.lamp-house.example');
  await app.runLoggedWorker(async () => (await app.stack.queues.lifecycle.getCompletedCount()) >= 3);
  const subscription = await app.stack.repos.subscriptions.findLatestByStore(storeId);
  await app.stack.repos.billingRequests.createOnce({
    kind: 'refund',
    idempotencyKey: `refund-${storeId}`,
    accountId: null,
    subscriptionId: subscription?.id ?? '',
    invoiceNumber: 'INV-000042',
    message: 'Plugin deleted on the 3rd; asks for the last month back.',
    requestedBy: 'merchant:owner',
    createdAt: app.stack.clock.now(),
  });
  await failLifecycleJob(
    app.stack.queues,
    { eventId: randomUUID(), storeId, source: 'heartbeat_lost' },
    'UNAVAILABLE: WooCommerce REST API answered 503 after 10 attempts',
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedInPage(email: string): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${app.origin}/ops`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(/\/ops\/?$/), page.click('button[type=submit]')]);
  return page;
}

it('the lifecycle view shows disconnects by source, the still-billed store, requests and failed jobs', async () => {
  const page = await signedInPage('operator@dropship.test');
  await page.waitForSelector('[data-testid="disconnects-24h"]');
  expect(await page.textContent('[data-testid="disconnects-24h"]')).toBe('2');
  expect(await page.textContent('body')).toContain('INV-000042');
  expect(await page.textContent('body')).toContain('WooCommerce REST API answered 503');
  await page.screenshot({ path: path.join(OUT, 'lifecycle-view.png'), fullPage: true });
  await page.close();
}, 30_000);

it('Bull Board shows the project queues behind sign-in', async () => {
  const page = await signedInPage('viewer@dropship.test');
  await page.goto(`${app.origin}/ops/queues`);
  for (const name of ['lifecycle', 'orders', 'order-sync', 'billing', 'notifications']) {
    await page.getByText(name, { exact: true }).first().waitFor({ timeout: 15_000 });
  }
  await page.getByText('Loading...').first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, 'queues-board.png'), fullPage: true });
  await page.goto(`${app.origin}/ops/queues/queue/lifecycle?status=failed`);
  await page.getByText('WooCommerce REST API answered 503').first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(OUT, 'queues-board-lifecycle-failed.png'), fullPage: true });
  await page.close();
}, 45_000);
