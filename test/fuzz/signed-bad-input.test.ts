import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { signBridgeRequest } from '@dropship/woocommerce';
import { shopifyWebhookRoutes } from '@dropship/server';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { FUZZ_SHOPIFY_SECRET, fuzzEnv, seedWorld, sendRaw, stateFingerprint } from './support';
import type { FuzzWorld } from './support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
let stack: TestStack;
let world: FuzzWorld;

beforeAll(async () => {
  stack = await createTestStack({ env: fuzzEnv });
  world = await seedWorld(stack);
});
afterAll(() => stack?.close());

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Bodies that are not JSON: random bytes, truncated objects, text. */
const malformed = fc
  .oneof(
    fc.uint8Array({ minLength: 1, maxLength: 1024 }).map((b) => Buffer.from(b)),
    fc.jsonValue().map((v) => Buffer.from((JSON.stringify(v) ?? 'null').slice(0, -1) || '{')),
    fc.string({ minLength: 1, maxLength: 200 }).map((s) => Buffer.from(`{${s}`)),
  )
  .filter((bytes) => !isJson(bytes));

/** Any body at all, JSON of any shape included. */
const anyBody = fc.oneof(
  malformed,
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.object().map((o) => Buffer.from(JSON.stringify(o))),
);

function shopifyHeaders(topic: string, body: Buffer): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': createHmac('sha256', FUZZ_SHOPIFY_SECRET).update(body).digest('base64'),
    'x-shopify-shop-domain': world.shop.domain,
    'x-shopify-api-version': '2025-10',
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-triggered-at': stack.clock.now().toISOString(),
  };
}

async function auditedRejection(webhookId: string): Promise<boolean> {
  const row = (await stack.db
    .knex('audit_log')
    .where({ action: 'shopify.webhook.rejected', entity_id: webhookId })
    .first()) as unknown;
  return row !== undefined;
}

describe('a valid signature over a bad body', () => {
  const shopifyCases = shopifyWebhookRoutes.flatMap((route) =>
    route.topics.map((topic) => [route.path, topic] as const),
  );

  test.each(shopifyCases)(
    'Shopify %s (%s): malformed JSON answers 400 and is recorded; any body answers < 500',
    async (path, topic) => {
      const before = await stateFingerprint(stack);
      await fc.assert(
        fc.asyncProperty(malformed, async (body) => {
          const headers = shopifyHeaders(topic, body);
          const response = await sendRaw(request(stack.app).post(path).set(headers), body);
          expect(response.status).toBe(400);
          expect(await auditedRejection(headers['x-shopify-webhook-id'] as string)).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(await stateFingerprint(stack)).toBe(before);
      await fc.assert(
        fc.asyncProperty(anyBody, async (body) => {
          const response = await sendRaw(
            request(stack.app).post(path).set(shopifyHeaders(topic, body)),
            body,
          );
          expect(response.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );

  test.each(['/bridge/v1/events', '/bridge/v1/heartbeat'])(
    'plugin bridge %s: malformed JSON answers 400, is recorded, changes nothing',
    async (path) => {
      const before = await stateFingerprint(stack);
      await fc.assert(
        fc.asyncProperty(
          malformed,
          fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
          async (body, contentType) => {
            const { headers, eventId } = signBridgeRequest({
              method: 'POST',
              path,
              siteId: world.site.id,
              secret: world.siteSecret,
              rawBody: body,
              now: stack.clock.now(),
            });
            const response = await sendRaw(
              request(stack.app).post(path).set(headers).set('Content-Type', contentType),
              body,
            );
            expect(response.status).toBe(400);
            const recorded = await stack.repos.lifecycleEvents.list({
              storeId: world.site.id,
              outcome: 'rejected',
              limit: 1000,
            });
            expect(recorded.some((event) => event.deliveryId === `rejected:${eventId}`)).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await stateFingerprint(stack)).toBe(before);
    },
    60_000,
  );

  test('plugin bridge events: any signed JSON answers < 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const path = '/bridge/v1/events';
        const { headers } = signBridgeRequest({
          method: 'POST',
          path,
          siteId: world.site.id,
          secret: world.siteSecret,
          rawBody: body,
          now: stack.clock.now(),
        });
        const response = await sendRaw(
          request(stack.app).post(path).set(headers).set('Content-Type', 'application/json'),
          body,
        );
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  test('WooCommerce webhook: a malformed signed delivery answers 400 for the topics we read (200 for others), is recorded once, and changes no state', async () => {
    const before = await stateFingerprint(stack);
    await fc.assert(
      fc.asyncProperty(
        malformed,
        fc.constantFrom('order.created', 'product.deleted', 'order.updated'),
        async (body, topic) => {
          const deliveryId = randomBytes(16).toString('hex');
          const call = request(stack.app)
            .post(`/webhooks/woocommerce/${world.site.id}`)
            .set({
              'content-type': 'application/json',
              'x-wc-webhook-source': 'https://fuzz-site.example.com/',
              'x-wc-webhook-topic': topic,
              'x-wc-webhook-resource': topic.split('.')[0] as string,
              'x-wc-webhook-event': topic.split('.')[1] as string,
              'x-wc-webhook-signature': createHmac('sha256', world.webhookSecret)
                .update(body)
                .digest('base64'),
              'x-wc-webhook-id': '7',
              'x-wc-webhook-delivery-id': deliveryId,
            });
          const response = await sendRaw(call, body);
          // Topics the platform does not read are acknowledged whatever their body.
          expect(response.status).toBe(topic === 'order.updated' ? 200 : 400);
          expect(await stack.repos.wooStores.hasWebhookDelivery(world.site.id, deliveryId)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await stateFingerprint(stack)).toBe(before);
  }, 60_000);
});
