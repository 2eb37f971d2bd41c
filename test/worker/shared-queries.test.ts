import { randomUUID } from 'node:crypto';
import { StoreStates } from '@dropship/core';
import type { LifecycleEvent, Store } from '@dropship/core';
import { withSharedQueries } from '../../apps/worker/src/processors/shared-queries';
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

describe.each(['sqlite', 'postgres'] as const)('shared queries of the worker (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.destroy());

  test('concurrent reads by key share one query and each gets its own row, or null', async () => {
    const repos = withSharedQueries(database.repos);
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
    const repos = withSharedQueries(database.repos);
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
    const repos = withSharedQueries(database.repos);
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
    const repos = withSharedQueries(database.repos);
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
    expect(
      expected[0].map((subscription: { planName: string } | null) => subscription?.planName ?? null),
    ).toEqual(['New', 'Growth']);
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

  test('concurrent writes share one statement per kind and answer as the plain repositories do', async () => {
    const repos = withSharedQueries(database.repos);
    const stores = await Promise.all([1, 2, 3].map(() => seedStore(database.repos, { platform: 'shopify' })));
    const [first, second, third] = stores as [Store, Store, Store];
    // The third store has moved on already: its conditional update must not apply.
    await database.repos.stores.updateIf(third.id, StoreStates.connected, {
      state: StoreStates.disconnecting,
    });
    const events = await Promise.all(
      stores.map(async (store) => {
        const recorded = await database.repos.lifecycleEvents.record({
          channel: 'shopify',
          deliveryId: `shared-write-${store.id}`,
          storeId: store.id,
          source: 'shopify_uninstall',
          topic: 'app/uninstalled',
          triggeredAt: null,
          payload: {},
          outcome: 'pending',
        });
        return recorded.inserted ? recorded.event : recorded.existing;
      }),
    );
    for (const store of stores) {
      await database.repos.shopifySessions.store({
        id: `offline_${store.domain}`,
        shop: store.domain,
        state: 'state',
        isOnline: false,
        scope: 'read_orders',
        expires: null,
        accessToken: 'shpat_secret',
        onlineAccessInfo: null,
      });
    }
    const subscriptions = await Promise.all(
      stores.map(async (store) => (await database.repos.subscriptions.findLatestByStore(store.id))?.id ?? ''),
    );
    await database.repos.subscriptions.update(subscriptions[2] ?? '', { status: 'trial' });
    const report = (eventId: string, storeId: string, productsCount: number) => ({
      storeId,
      eventId,
      source: 'shopify_uninstall',
      productsCount,
      pendingOrders: [],
      pendingOrdersCount: 0,
      billing: { kind: 'none' as const },
      generatedAt: new Date('2026-01-02T03:04:05Z'),
    });
    const [e1, e2, e3] = events as [LifecycleEvent, LifecycleEvent, LifecycleEvent];
    await database.repos.disconnectReports.saveOnce(report(e3.id, third.id, 7));
    let answers: unknown[] = [];
    const statements = await statementsDuring(database, async () => {
      answers = await Promise.all([
        Promise.all(
          stores.map((store) =>
            repos.stores.updateIf(store.id, StoreStates.connected, {
              state: StoreStates.disconnecting,
              automationEnabled: false,
            }),
          ),
        ),
        repos.stores.updateIf('no-such-store', StoreStates.connected, {
          state: StoreStates.disconnecting,
          automationEnabled: false,
        }),
        Promise.all([e1, e2, e3].map((event) => repos.lifecycleEvents.setOutcome(event.id, 'applied', null))),
        repos.lifecycleEvents.setOutcome('no-such-event', 'applied', null),
        Promise.all([first, second, first].map((store) => repos.shopifySessions.deleteByShop(store.domain))),
        Promise.all(
          subscriptions.map((id, n) =>
            repos.subscriptions.updateIf(id, 'active', {
              status: 'cancelled',
              cancelledAt: new Date(Date.UTC(2026, 0, n + 1)),
            }),
          ),
        ),
        Promise.all(
          [report(e1.id, first.id, 1), report(e2.id, second.id, 2), report(e3.id, third.id, 3)].map(
            (params) => repos.disconnectReports.saveOnce(params),
          ),
        ),
      ]);
    });
    const [updated, updatedMissing, settled, settledMissing, deleted, cancelled, saved] = answers as [
      boolean[],
      boolean[],
      boolean,
      boolean[],
      boolean,
      number[],
      Array<{ inserted: boolean }>,
    ];
    expect(updated).toEqual([true, true, false]);
    expect(updatedMissing).toBe(false);
    expect(settled).toEqual([true, true, true]);
    expect(settledMissing).toBe(false);
    // The same shop twice in one statement: its one session is counted for both callers.
    expect(deleted).toEqual([1, 1, 1]);
    // Each subscription its own date; the third is no longer `active`.
    expect(cancelled).toEqual([true, true, false]);
    const stillThere = await Promise.all(
      subscriptions.map((id) => database.repos.subscriptions.findById(id)),
    );
    expect(
      stillThere.map((subscription) => [subscription?.status, subscription?.cancelledAt?.getUTCDate()]),
    ).toEqual([
      ['cancelled', 1],
      ['cancelled', 2],
      ['trial', undefined],
    ]);
    expect(saved.map((result) => result.inserted)).toEqual([true, true, false]);
    expect(saved[2]).toMatchObject({ existing: { productsCount: 7 } });
    expect(statements.filter((sql) => /^update/i.test(sql))).toHaveLength(3);
    expect(statements.filter((sql) => /^delete/i.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => /^insert/i.test(sql))).toHaveLength(1);

    const stored = await Promise.all(stores.map((store) => database.repos.stores.findById(store.id)));
    expect(stored.map((store) => [store?.state, store?.automationEnabled])).toEqual([
      [StoreStates.disconnecting, false],
      [StoreStates.disconnecting, false],
      [StoreStates.disconnecting, true],
    ]);
    const outcomes = await Promise.all(
      events.map((event) => database.repos.lifecycleEvents.findById(event.id)),
    );
    expect(outcomes.map((event) => event?.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(await database.repos.shopifySessions.findByShop(second.domain)).toEqual([]);
    expect(await database.repos.shopifySessions.findByShop(third.domain)).toHaveLength(1);
  });

  test('a shared write that fails runs each item alone: only the bad item fails', async () => {
    const repos = withSharedQueries(database.repos);
    const store = await seedStore(database.repos, { platform: 'shopify' });
    const params = (eventId: string, storeId: string) => ({
      storeId,
      eventId,
      source: 'shopify_uninstall',
      productsCount: 0,
      pendingOrders: [],
      pendingOrdersCount: 0,
      billing: { kind: 'none' as const },
      generatedAt: new Date('2026-01-02T03:04:05Z'),
    });
    const ids = [randomUUID(), randomUUID(), randomUUID()] as const;
    // No such store: the foreign key refuses this report, and with it the shared insert.
    const results = await Promise.allSettled([
      repos.disconnectReports.saveOnce(params(ids[0], store.id)),
      repos.disconnectReports.saveOnce(params(ids[1], 'no-such-store')),
      repos.disconnectReports.saveOnce(params(ids[2], store.id)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await database.repos.disconnectReports.findByEvent(ids[0])).not.toBeNull();
    expect(await database.repos.disconnectReports.findByEvent(ids[2])).not.toBeNull();
    expect(await database.repos.disconnectReports.findByEvent(ids[1])).toBeNull();
  });

  test('a group whose statement fails does not take the answers of the other groups of its batch', async () => {
    const repos = withSharedQueries(database.repos);
    const [a, b, c] = (await Promise.all(
      [1, 2, 3].map(() => seedStore(database.repos, { platform: 'shopify' })),
    )) as [Store, Store, Store];
    const leaving = { state: StoreStates.disconnecting, automationEnabled: false };
    // Another patch, so another statement: no such account, so the foreign key refuses it.
    const results = await Promise.allSettled([
      repos.stores.updateIf(a.id, StoreStates.connected, leaving),
      repos.stores.updateIf(b.id, StoreStates.connected, leaving),
      repos.stores.updateIf(c.id, StoreStates.connected, { accountId: 'no-such-account' }),
    ]);
    // Run again after their shared statement applied, a and b would answer false.
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual([
      true,
      true,
      'rejected',
    ]);
    expect(await database.repos.stores.findById(c.id)).toMatchObject({ accountId: null });
  });
});
