import request from 'supertest';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { billingSnapshot, createOwner, signIn } from '../account/account-fixtures';
import type { Owner, SignedIn } from '../account/account-fixtures';
import { stateFingerprint } from '../fuzz/support';
import { fillPath, listRoutes } from './route-table';
import type { RouteEntry } from './route-table';

/*
 * Every route with an id in its path, read from the router: a merchant route
 * must answer 404 to another tenant's id (never 403: ids of others are not
 * confirmed) and change nothing; a team route refuses a merchant outright.
 * A new route with a parameter this file does not know fails the test until
 * someone says which tenant its id belongs to.
 */

/** Routes whose id is not a tenant's resource, each with where it is covered. */
const COVERED_ELSEWHERE: Record<string, string> = {
  'POST /webhooks/woocommerce/:storeId':
    'signed per store: test/fuzz/signed-bad-input.test.ts, test/woocommerce',
  'GET /app/{*path}': 'the web UI deep links; no id of the server',
};

/** A body that passes validation, so that a 404 comes from ownership, not from the input. */
const validBodies: Record<string, unknown> = {
  'PUT /api/stores/:storeId/checklist': { item: 'pendingOrders', done: true },
  'POST /api/stores/:storeId/team-notice': { emails: ['team@shop.test'] },
  'POST /api/subscriptions/:subscriptionId/cancel': {
    mode: 'immediate',
    reason: 'other',
    reasonText: 'moving',
    confirm: true,
  },
  'POST /api/subscriptions/:subscriptionId/undo-cancel': {},
  'POST /api/subscriptions/:subscriptionId/refund-request': { message: 'please refund the last month' },
};

let stack: TestStack;
let alice: Owner;
let bob: Owner;
let aliceSession: SignedIn;

beforeAll(async () => {
  stack = await createTestStack();
  alice = await createOwner(stack, 'alice@shop.test');
  bob = await createOwner(stack, 'bob@shop.test');
  aliceSession = await signIn(stack, alice.accountId);
});
afterAll(() => stack?.close());

function idsOf(owner: Owner): Record<string, string> {
  return { storeId: owner.store.id, subscriptionId: owner.subscription.id };
}

function key(route: RouteEntry): string {
  return `${route.method} ${route.path}`;
}

function call(route: RouteEntry, path: string, session: SignedIn) {
  const agent = session.agent;
  const body = validBodies[key(route)] ?? {};
  if (route.method === 'GET') return agent.get(path);
  const verb =
    route.method === 'PUT'
      ? agent.put(path)
      : route.method === 'DELETE'
        ? agent.delete(path)
        : agent.post(path);
  return verb.set('X-CSRF-Token', session.csrfToken).send(body as object);
}

test('every route with an id answers 404 to another tenant’s id and changes nothing; team routes refuse a merchant', async () => {
  const routes = listRoutes(stack.app.express).filter(
    (route) => route.params.length > 0 || route.path.includes('{*'),
  );
  const merchantRoutes = routes.filter((route) => route.path.startsWith('/api/'));
  const teamRoutes = routes.filter((route) => route.path.startsWith('/ops/'));
  const others = routes.filter((route) => !route.path.startsWith('/api/') && !route.path.startsWith('/ops/'));
  expect(others.map(key).filter((k) => !(k in COVERED_ELSEWHERE))).toEqual([]);
  const unknownParams = merchantRoutes.flatMap((route) =>
    route.params.filter((p) => !(p in idsOf(bob))).map((p) => `${key(route)} :${p}`),
  );
  expect(unknownParams).toEqual([]);

  const before = { fingerprint: await stateFingerprint(stack), billing: await billingSnapshot(stack) };
  const leaks: string[] = [];
  for (const route of merchantRoutes) {
    const response = await call(route, fillPath(route, idsOf(bob)), aliceSession);
    if (response.status !== 404) leaks.push(`${key(route)} with Bob's id answered ${response.status}`);
    if (response.text.includes(bob.store.domain) || response.text.includes(bob.email))
      leaks.push(`${key(route)} showed Bob's data`);
  }
  for (const route of teamRoutes) {
    const response = await call(route, fillPath(route, idsOf(bob)), aliceSession);
    if (![401, 403, 303].includes(response.status))
      leaks.push(`${key(route)} answered ${response.status} to a merchant`);
  }
  expect({ fingerprint: await stateFingerprint(stack), billing: await billingSnapshot(stack) }).toEqual(
    before,
  );
  console.log(
    `tenant isolation: ${merchantRoutes.length} merchant routes and ${teamRoutes.length} team routes with an id walked; ${leaks.length} leaks`,
  );
  expect(leaks).toEqual([]);

  // The same reads work with Alice's own ids: the 404s above are about ownership.
  for (const route of merchantRoutes.filter((r) => r.method === 'GET')) {
    expect([key(route), (await call(route, fillPath(route, idsOf(alice)), aliceSession)).status]).toEqual([
      key(route),
      200,
    ]);
  }
}, 60_000);

describe('cancellation and account deletion need the owner’s session and its CSRF token', () => {
  const actions = () => [
    {
      path: `/api/subscriptions/${alice.subscription.id}/cancel`,
      body: validBodies['POST /api/subscriptions/:subscriptionId/cancel'] as object,
    },
    { path: '/api/account/delete', body: { confirm: 'Yes, I am sure' } },
  ];

  test('without a session: 401, nothing changes', async () => {
    const before = await billingSnapshot(stack);
    for (const action of actions())
      expect((await request(stack.app).post(action.path).send(action.body)).status).toBe(401);
    expect(await billingSnapshot(stack)).toEqual(before);
  });

  test('with the session cookie but no or a wrong CSRF token (a cross-site form): 403, nothing changes', async () => {
    const before = await billingSnapshot(stack);
    for (const action of actions()) {
      expect(
        (await request(stack.app).post(action.path).set('Cookie', aliceSession.cookie).send(action.body))
          .status,
      ).toBe(403);
      expect(
        (
          await request(stack.app)
            .post(action.path)
            .set('Cookie', aliceSession.cookie)
            .set('X-CSRF-Token', 'forged')
            .send(action.body)
        ).status,
      ).toBe(403);
    }
    expect(await billingSnapshot(stack)).toEqual(before);
  });
});
