import request from 'supertest';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { fillPath, listRoutes } from '../security/route-table';
import { fuzzEnv, seedWorld, sendRaw, stateFingerprint } from './support';
import type { FuzzWorld } from './support';

const LIMIT_BYTES = 1024 * 1024;
const BRIDGE_LIMIT_BYTES = 64 * 1024;
let stack: TestStack;
let world: FuzzWorld;

beforeAll(async () => {
  stack = await createTestStack({ env: fuzzEnv });
  world = await seedWorld(stack);
});
afterAll(() => stack?.close());

const contentTypes = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
];

test('a body over the limit gets 413 on every route that takes one, whatever its content type, and changes nothing', async () => {
  const routes = listRoutes(stack.app.express).filter((route) => route.method !== 'GET');
  const before = await stateFingerprint(stack);
  const wrong: string[] = [];
  for (const route of routes) {
    // The signed bridge endpoints take 64 KiB (docs/bridge-protocol.md); the unsigned connect ones the general limit.
    const limit =
      route.path.startsWith('/bridge/') && !route.path.includes('/connect/')
        ? BRIDGE_LIMIT_BYTES
        : LIMIT_BYTES;
    const path = fillPath(route, {
      storeId: world.site.id,
      subscriptionId: world.subscriptionId,
      jobId: 'x',
      requestId: 'x',
    });
    for (const contentType of contentTypes) {
      const body = Buffer.alloc(limit + 1, contentType === 'application/json' ? ' ' : 'a');
      const call = request(stack.app).post(path).set('Content-Type', contentType);
      const response = await sendRaw(
        route.method === 'PUT' ? request(stack.app).put(path).set('Content-Type', contentType) : call,
        body,
      );
      if (response.status !== 413)
        wrong.push(`${route.method} ${route.path} (${contentType}): ${response.status}`);
    }
  }
  console.log(
    `${routes.length} routes × ${contentTypes.length} content types over the limit: ${wrong.length} not answered 413`,
  );
  expect(wrong).toEqual([]);
  expect(await stateFingerprint(stack)).toBe(before);
}, 120_000);
