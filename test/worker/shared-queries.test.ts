import { StoreStates } from '@dropship/core';
import { withSharedReads } from '../../apps/worker/src/processors/shared-reads';
import { createTestDatabase } from './support/environment';
import type { TestDatabase } from './support/environment';
import { seedStore } from './support/seed';

/** The SQL statements a database runs while `run` does. */
async function statementsDuring(database: TestDatabase, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (query: { sql: string }) => seen.push(query.sql);
  database.db.knex.on('query', listener);
  try {
    await run();
  } finally {
    database.db.knex.off('query', listener);
  }
  return seen;
}

describe.each(['sqlite', 'postgres'] as const)('shared reads of the worker (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.destroy());

  test('concurrent reads by key share one query and each gets its own row, or null', async () => {
    const repos = withSharedReads(database.repos);
    const stores = await Promise.all(
      [1, 2, 3, 4, 5].map(() => seedStore(database.repos, { platform: 'shopify' })),
    );
    let found: unknown[] = [];
    const statements = await statementsDuring(database, async () => {
      found = await Promise.all([
        ...stores.map((store) => repos.stores.findById(store.id)),
        repos.stores.findById('no-such-store'),
      ]);
    });
    expect(found).toEqual([
      ...stores.map((store) => expect.objectContaining({ id: store.id, domain: store.domain })),
      null,
    ]);
    expect(statements).toHaveLength(1);
    expect(await repos.lifecycleEvents.findById('no-such-event')).toBeNull();
    expect(await repos.disconnectReports.findByEvent('no-such-event')).toBeNull();
  });

  test('a read issued after a write sees it, even while an earlier shared read is running', async () => {
    const repos = withSharedReads(database.repos);
    const store = await seedStore(database.repos, { platform: 'shopify' });
    const before = repos.stores.findById(store.id);
    await database.repos.stores.updateIf(store.id, StoreStates.connected, {
      state: StoreStates.disconnecting,
      automationEnabled: false,
    });
    const after = await repos.stores.findById(store.id);
    expect(after).toMatchObject({ state: StoreStates.disconnecting, automationEnabled: false });
    expect(await before).not.toBeNull();
  });

  test('events and disconnect reports are shared the same way', async () => {
    const repos = withSharedReads(database.repos);
    const store = await seedStore(database.repos, { platform: 'shopify' });
    const recorded = await Promise.all(
      [1, 2, 3].map((n) =>
        database.repos.lifecycleEvents.record({
          channel: 'shopify',
          deliveryId: `shared-${store.id}-${n}`,
          storeId: store.id,
          source: 'shopify_uninstall',
          topic: 'app/uninstalled',
          triggeredAt: null,
          payload: { n },
          outcome: 'pending',
        }),
      ),
    );
    const events = recorded.map((result) => (result.inserted ? result.event : result.existing));
    const reports = await Promise.all(
      events.slice(0, 2).map(async (event) => {
        const saved = await database.repos.disconnectReports.saveOnce({
          storeId: store.id,
          eventId: event.id,
          source: 'shopify_uninstall',
          productsCount: 0,
          pendingOrders: [],
          pendingOrdersCount: 0,
          billing: { kind: 'none' },
          generatedAt: new Date('2026-01-02T03:04:05Z'),
        });
        return saved.inserted ? saved.report : saved.existing;
      }),
    );
    let foundEvents: unknown[] = [];
    let foundReports: unknown[] = [];
    const statements = await statementsDuring(database, async () => {
      [foundEvents, foundReports] = await Promise.all([
        Promise.all(events.map((event) => repos.lifecycleEvents.findById(event.id))),
        Promise.all(events.map((event) => repos.disconnectReports.findByEvent(event.id))),
      ]);
    });
    expect(foundEvents).toEqual(events);
    expect(foundReports).toEqual([...reports, null]);
    expect(statements).toHaveLength(2);
  });

  test('subscriptions, contacts and counts answer as the plain repositories do, one query each', async () => {
    const repos = withSharedReads(database.repos);
    // Each seeded store has one subscription; the first gets two more, newer ones.
    const [withNewer, other] = await Promise.all([
      seedStore(database.repos, { platform: 'shopify' }),
      seedStore(database.repos, { platform: 'woocommerce' }),
    ]);
    for (const [planName, createdAt] of [
      ['Old', new Date('2099-01-01T00:00:00Z')],
      ['New', new Date('2099-02-01T00:00:00Z')],
    ] as const) {
      const subscription = await database.repos.subscriptions.create({
        storeId: withNewer.id,
        provider: 'shopify',
        planName,
        priceMinor: 1900,
        currency: 'USD',
        status: 'active',
      });
      await database.db
        .knex('subscriptions')
        .where({ id: subscription.id })
        .update({
          created_at: dialect === 'sqlite' ? createdAt.getTime() : createdAt,
        });
    }
    await database.repos.publishedProducts.upsert({
      storeId: withNewer.id,
      platformProductId: 'p-1',
      title: 'Mug',
      status: 'active',
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    });
    await database.repos.orders.saveOnce({
      storeId: other.id,
      platformOrderId: '1001',
      containsPlatformProducts: true,
      payload: {},
    });
    const ids = [withNewer.id, other.id];
    const read = (r: typeof repos) =>
      Promise.all([
        Promise.all(ids.map((id) => r.subscriptions.findLatestByStore(id))),
        Promise.all(ids.map((id) => r.stores.getContact(id))),
        Promise.all(ids.map((id) => r.publishedProducts.countByStore(id))),
        Promise.all(ids.map((id) => r.orders.countByStatus(id, 'pending'))),
      ]);
    const expected = await read(database.repos);
    expect(expected[0].map((subscription) => subscription?.planName ?? null)).toEqual(['New', 'Growth']);
    // On top of what each seeded store has: one more product on the first, one more pending order on the other.
    const [, , [productsFirst, productsOther], [ordersFirst, ordersOther]] = expected;
    expect(productsFirst).toBe((productsOther ?? NaN) + 1);
    expect(ordersOther).toBe((ordersFirst ?? NaN) + 1);
    let shared: unknown;
    const statements = await statementsDuring(database, async () => {
      shared = await read(repos);
    });
    expect(shared).toEqual(expected);
    expect(statements).toHaveLength(4);
  });
});
