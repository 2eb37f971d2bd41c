import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { fillPath, listRoutes } from '../security/route-table';
import type { RouteEntry } from '../security/route-table';
import { fuzzEnv, seedWorld, sendRaw, stateFingerprint } from './support';
import type { FuzzWorld } from './support';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);
let stack: TestStack;
let world: FuzzWorld;

beforeAll(async () => {
  stack = await createTestStack({ env: fuzzEnv });
  world = await seedWorld(stack);
});
afterAll(() => stack?.close());

/** Header names the endpoints read, so random values reach their parsers, not only the router. */
const knownHeaders = [
  'x-shopify-topic',
  'x-shopify-hmac-sha256',
  'x-shopify-shop-domain',
  'x-shopify-webhook-id',
  'x-shopify-triggered-at',
  'shopify-hmac-sha256',
  'x-dropship-site',
  'x-dropship-timestamp',
  'x-dropship-event-id',
  'x-dropship-signature',
  'x-wc-webhook-signature',
  'x-wc-webhook-topic',
  'x-wc-webhook-delivery-id',
  'x-wc-webhook-source',
  'x-csrf-token',
  'authorization',
  'cookie',
  'x-request-id',
];

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/*',
  ';;;',
  '',
];

const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom(
    '',
    'v1=AAAA',
    'Bearer x.y.z',
    'dc_session=abc',
    '0',
    '-1',
    '99999999999999',
    'fuzz-shop.myshopify.com',
    'app/uninstalled',
    'order.created',
  ),
);

const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 512 }).map((s) => Buffer.from(s)),
  fc.constantFrom(
    Buffer.from('{'),
    Buffer.from('{"a":'),
    Buffer.from('[]'),
    Buffer.from('null'),
    Buffer.from('\uFEFF{}'),
    Buffer.from('a=1&b[c]=2'),
    Buffer.alloc(0),
  ),
);

const encoding = fc.constantFrom<string | undefined>(
  undefined,
  undefined,
  'gzip',
  'deflate',
  'br',
  'identity',
  'x-bogus',
);

function paramValues(world: FuzzWorld) {
  const real = [world.shop.id, world.site.id, world.subscriptionId, 'lifecycle-x', '1'];
  return fc.record({
    storeId: fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 })),
    subscriptionId: fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 })),
    jobId: fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 })),
    requestId: fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 })),
    path: fc.string({ maxLength: 40 }),
  });
}

const fuzzRequest = (world: FuzzWorld) =>
  fc.record({
    params: paramValues(world),
    query: fc.dictionary(
      fc.constantFrom(
        'shop',
        'code',
        'state',
        'hmac',
        'host',
        'charge_id',
        'token',
        'cursor',
        'limit',
        'search',
        'timestamp',
      ),
      fc.string({ maxLength: 40 }),
      { maxKeys: 4 },
    ),
    headers: fc.dictionary(fc.constantFrom(...knownHeaders), headerValue, { maxKeys: 6 }),
    contentType: fc.constantFrom(...contentTypes),
    encoding,
    body: bodyBytes,
  });

type FuzzRequest = ReturnType<ReturnType<typeof fuzzRequest>['generate']>['value'];

async function send(route: RouteEntry, input: FuzzRequest) {
  const path = fillPath(route, input.params);
  const agent = request(stack.app);
  const call =
    route.method === 'GET'
      ? agent.get(path)
      : route.method === 'PUT'
        ? agent.put(path)
        : route.method === 'DELETE'
          ? agent.delete(path)
          : agent.post(path);
  call.query(input.query).set(input.headers);
  if (input.contentType) call.set('Content-Type', input.contentType);
  let body = input.body;
  if (input.encoding) {
    call.set('Content-Encoding', input.encoding);
    if (input.encoding === 'gzip' && body.length % 2 === 0) body = gzipSync(body);
  }
  return route.method === 'GET' ? call : sendRaw(call, body);
}

test('random bodies, headers, encodings and parameters on every route: never a 5xx, never a state change', async () => {
  const routes = listRoutes(stack.app.express);
  expect(routes.length).toBeGreaterThan(30);
  const summary: string[] = [];
  const failures: string[] = [];
  for (const [index, route] of routes.entries()) {
    const statuses = new Map<number, number>();
    const before = await stateFingerprint(stack);
    try {
      await fc.assert(
        fc.asyncProperty(fuzzRequest(world), async (input) => {
          const response = await send(route, input);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500)
            throw new Error(
              `${route.method} ${route.path} answered ${response.status}: ${response.text.slice(0, 300)}`,
            );
          const after = await stateFingerprint(stack);
          if (after !== before)
            throw new Error(
              `${route.method} ${route.path} changed state without a valid signature or session`,
            );
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261121 + index },
      );
    } catch (error) {
      failures.push((error as Error).message.split('\n').slice(0, 8).join('\n'));
    }
    summary.push(`${route.method} ${route.path}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
  }
  console.log(`${routes.length} routes × ${RUNS_PER_ROUTE} random requests\n${summary.join('\n')}`);
  const health = await request(stack.app).get('/healthz');
  expect(health.status).toBe(200);
  expect(failures).toEqual([]);
}, 300_000);
