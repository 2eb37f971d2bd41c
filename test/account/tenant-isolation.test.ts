import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { billingSnapshot, createOwner, signIn } from './account-fixtures';
import type { Owner, SignedIn } from './account-fixtures';

type Route = [method: 'get' | 'put' | 'post', path: (o: Owner) => string, body?: object];

const routes: Route[] = [
  ['get', (o) => `/api/stores/${o.store.id}`],
  ['get', (o) => `/api/stores/${o.store.id}/pending-orders`],
  ['get', (o) => `/api/stores/${o.store.id}/checklist`],
  ['put', (o) => `/api/stores/${o.store.id}/checklist`, { item: 'exportProducts', done: true }],
  ['post', (o) => `/api/stores/${o.store.id}/team-notice`, { emails: ['team@example.test'] }],
  ['get', (o) => `/api/stores/${o.store.id}/products-left`],
  ['get', (o) => `/api/stores/${o.store.id}/products-left.csv`],
  ['get', (o) => `/api/stores/${o.store.id}/product-export.csv`],
  [
    'post',
    (o) => `/api/subscriptions/${o.subscription.id}/cancel`,
    { mode: 'immediate', reason: 'unused', confirm: true },
  ],
  ['post', (o) => `/api/subscriptions/${o.subscription.id}/undo-cancel`],
  ['post', (o) => `/api/subscriptions/${o.subscription.id}/refund-request`, { message: 'refund me' }],
];

describe('tenant isolation of the merchant API', () => {
  let stack: TestStack;
  let victim: Owner;
  let intruder: SignedIn;
  let intruderOwner: Owner;

  beforeAll(async () => {
    stack = await createTestStack({ start: new Date('2028-01-31T10:00:00Z') });
    victim = await createOwner(stack, 'victim@example.test');
    await stack.repos.publishedProducts.upsert({
      storeId: victim.store.id,
      platformProductId: '101',
      title: 'Secret product',
      status: 'publish',
      publishedAt: stack.clock.now(),
    });
    intruderOwner = await createOwner(stack, 'intruder@example.test');
    intruder = await signIn(stack, intruderOwner.accountId);
  });
  afterAll(() => stack.close());

  it.each(
    routes.map(
      (route) =>
        [
          `${route[0].toUpperCase()} ${route[1]({ store: { id: ':id' }, subscription: { id: ':id' } } as Owner)}`,
          route,
        ] as const,
    ),
  )("%s answers 404 for another account's id and changes nothing", async (_name, [method, path, body]) => {
    const before = await billingSnapshot(stack);
    const checklist = await stack.repos.storeChecklists.get(victim.store.id);
    const call = intruder.agent[method](path(victim)).set('X-CSRF-Token', intruder.csrfToken);
    const response = await (body ? call.send(body) : call);
    expect(response.status).toBe(404);
    expect(response.body.error.kind).toBe('NOT_FOUND');
    expect(JSON.stringify(response.body)).not.toContain('Secret product');
    expect(await billingSnapshot(stack)).toEqual(before);
    expect(await stack.repos.storeChecklists.get(victim.store.id)).toEqual(checklist);
  });

  it("lists only the caller's own stores", async () => {
    const response = await intruder.agent.get('/api/stores').expect(200);
    expect(response.body.stores.map((s: { id: string }) => s.id)).toEqual([intruderOwner.store.id]);
  });

  it('the same routes work for the owner', async () => {
    const owner = await signIn(stack, victim.accountId);
    const page = await owner.agent.get(`/api/stores/${victim.store.id}/products-left`).expect(200);
    expect(page.body).toMatchObject({
      total: 1,
      removed: 0,
      items: [{ title: 'Secret product', platformProductId: '101' }],
    });
    const csv = await owner.agent.get(`/api/stores/${victim.store.id}/products-left.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Secret product');
    const summary = await owner.agent.get(`/api/stores/${victim.store.id}`).expect(200);
    expect(summary.body).toMatchObject({
      platform: 'woocommerce',
      subscription: {
        id: victim.subscription.id,
        provider: 'platform',
        stillBilled: true,
        price: { amountMinor: 2900, currency: 'EUR' },
      },
      productsLeft: { total: 1, removed: 0 },
      pendingOrders: { count: 0 },
    });
    await owner.agent
      .put(`/api/stores/${victim.store.id}/checklist`)
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ item: 'exportProducts', done: true })
      .expect(200);
    const notice = await owner.agent
      .post(`/api/stores/${victim.store.id}/team-notice`)
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ emails: ['ops@example.test'] })
      .expect(200);
    expect(notice.body).toEqual({ sent: 1 });
    const checklist = await owner.agent.get(`/api/stores/${victim.store.id}/checklist`).expect(200);
    expect(checklist.body).toMatchObject({
      items: { exportProducts: true, informTeam: true, pendingOrders: false, billingEndDate: false },
      teamEmails: ['ops@example.test'],
      billingCycleEndsAt: '2028-03-31T10:00:00.000Z',
    });
    expect(await stack.repos.outbox.list({ tag: 'team-notice', limit: 5 })).toHaveLength(1);
  });
});
