import request from 'supertest';
import { lifecycleJobId } from '@dropship/queues';
import type { Store } from '@dropship/core';

import { metricValue, startOpsApp } from './support/ops-app';
import type { OpsApp } from './support/ops-app';

const SHOP = 'lamp-house.myshopify.com';
const WOO = 'shop.lamp-house.example';
const REQUEST_ID = 'lb-7f3a9c2e-uninstall';
let app: OpsApp;

beforeAll(async () => {
  app = await startOpsApp();
}, 30_000);
afterAll(() => app?.close());

async function storeOf(platform: 'shopify' | 'woocommerce', domain: string): Promise<Store> {
  const store = await app.stack.repos.stores.findByDomain(platform, domain);
  if (!store) throw new Error(`no store ${domain}`);
  return store;
}

interface Overview {
  disconnects: Array<{
    window: string;
    total: number;
    bySource: Array<{ platform: string; source: string; count: number }>;
  }>;
  stillBilled: Array<{
    store: { domain: string; timelineUrl: string };
    subscription: { nextChargeAt: string | null };
  }>;
  recentDisconnects: Array<{ domain: string; disconnectSource: string; timelineUrl: string }>;
}

describe('a disconnect, from the delivery to what the team sees', () => {
  let requestId: string;
  let webhookId: string;
  let wooPeriodEnd: Date;

  beforeAll(async () => {
    await app.installAndSubscribe(SHOP);
    const answer = await app.deliver('/webhooks/app/uninstalled', {
      topic: 'app/uninstalled',
      shop: SHOP,
      body: app.standIn.uninstall(SHOP),
      triggeredAt: app.stack.clock.now(),
      // A load balancer's request id is kept (and echoed), so it can be searched for across every log.
      overrideHeaders: { 'X-Request-Id': REQUEST_ID },
    });
    expect(answer.status).toBe(200);
    requestId = REQUEST_ID;
    webhookId = answer.webhookId;
    ({ periodEnd: wooPeriodEnd } = await app.woocommerceStoreLeaves(WOO));
    await app.runLoggedWorker(
      async () =>
        (await storeOf('shopify', SHOP)).state === 'disconnected' &&
        (await storeOf('woocommerce', WOO)).state === 'disconnected',
    );
  }, 60_000);

  it('the lifecycle view, the JSON API and the metrics give the same counts', async () => {
    const overview = await app.api<Overview>('/ops/api/overview');
    const day = overview.disconnects.find((w) => w.window === '24h');
    expect(day?.total).toBe(2);
    expect(day?.bySource).toEqual(
      expect.arrayContaining([
        { platform: 'shopify', source: 'shopify_uninstall', count: 1 },
        { platform: 'woocommerce', source: 'wp_deleted', count: 1 },
      ]),
    );
    expect(overview.stillBilled).toHaveLength(1);
    expect(overview.stillBilled[0]?.store.domain).toBe(WOO);
    expect(overview.stillBilled[0]?.subscription.nextChargeAt).toBe(wooPeriodEnd.toISOString());

    const page = await request(app.stack.app).get('/ops').set('Cookie', app.viewer.cookie);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-testid="disconnects-24h">2</);
    expect(page.text).toMatch(/data-testid="disconnects-7d">2</);
    expect(page.text).toContain('WooCommerce stores disconnected but still billed (1)');
    for (const store of overview.recentDisconnects)
      expect(page.text).toContain(`href="${store.timelineUrl}"`);

    const metrics = await app.metrics();
    const disconnected = (platform: string, source: string) =>
      metricValue(metrics, 'dropship_stores_disconnected', { window: '24h', platform, source });
    expect(disconnected('shopify', 'shopify_uninstall')).toBe(1);
    expect(disconnected('woocommerce', 'wp_deleted')).toBe(1);
    expect(metricValue(metrics, 'dropship_subscriptions_still_billed_after_disconnect')).toBe(
      overview.stillBilled.length,
    );
    expect(
      metricValue(metrics, 'dropship_lifecycle_transitions', {
        channel: 'shopify',
        source: 'shopify_uninstall',
        outcome: 'applied',
      }),
    ).toBe(1);
    // One lifecycle job per applied event: the install, then the two disconnects.
    const applied = ['shopify_install', 'shopify_uninstall', 'wp_deleted'].map(
      (source) =>
        metricValue(metrics, 'dropship_lifecycle_transitions', {
          channel: source === 'wp_deleted' ? 'wp_bridge' : 'shopify',
          source,
          outcome: 'applied',
        }) ?? 0,
    );
    expect(metricValue(metrics, 'dropship_queue_jobs', { queue: 'lifecycle', state: 'completed' })).toBe(
      applied.reduce((sum, n) => sum + n, 0),
    );
    expect(
      metricValue(metrics, 'dropship_job_duration_seconds_count', {
        queue: 'lifecycle',
        name: 'store-disconnected',
        status: 'completed',
      }),
    ).toBe(day?.total);
    expect(metricValue(metrics, 'dropship_stores', { platform: 'shopify', state: 'disconnected' })).toBe(1);
  });

  it('the store is found by platform and domain, and its timeline has the event, its job and its delivery id', async () => {
    const found = await app.api<{ store: { id: string }; timelineApiUrl: string }>(
      `/ops/api/stores/lookup?platform=shopify&domain=${SHOP.toUpperCase()}`,
    );
    const timeline = await app.api<{ entries: Array<Record<string, unknown>> }>(found.timelineApiUrl);
    const event = timeline.entries.find((e) => e.kind === 'event' && e.source === 'shopify_uninstall');
    expect(event).toMatchObject({ deliveryId: webhookId, correlationId: requestId });
    const eventId = (event?.details as { eventId: string }).eventId;
    const job = timeline.entries.find((e) => e.kind === 'job');
    expect(job).toMatchObject({ deliveryId: webhookId, source: 'shopify_uninstall' });
    expect(job?.details).toMatchObject({ jobId: lifecycleJobId(eventId), state: 'completed' });

    const page = await request(app.stack.app)
      .get(`/ops/stores/${found.store.id}`)
      .set('Cookie', app.viewer.cookie);
    expect(page.text).toContain(webhookId);
    expect(page.text).toContain('job store-disconnected: completed');
  });

  it("one delivery's request id is on the server's request log line and on every log line of the job it caused", async () => {
    expect(requestId).not.toBe('');
    const serverLine = app.stack.logLines.find(
      (line) => (line.req as { id?: string } | undefined)?.id === requestId,
    );
    expect(serverLine).toMatchObject({
      req: { path: '/webhooks/app/uninstalled' },
      res: { statusCode: 200 },
    });
    const jobLines = app.workerLines.filter(
      (line) => line.queue === 'lifecycle' && line.jobName === 'store-disconnected',
    );
    const shopifyJobLines = jobLines.filter((line) => line.correlationId === requestId);
    expect(shopifyJobLines.length).toBeGreaterThan(0);
    // Every line of that job carries it: none of its lines lacks it.
    const shopifyJobId = shopifyJobLines[0]?.jobId;
    expect(
      jobLines
        .filter((line) => line.jobId === shopifyJobId)
        .every((line) => line.correlationId === requestId),
    ).toBe(true);
  });
});
