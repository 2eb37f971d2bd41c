import type { RecordLifecycleEventParams } from '@dropship/core';
import type { Dialect } from '../index';
import { DEFAULT_TEST_DATABASE_URL, setUpContext, tearDownContext, uniqueDomain } from '../__tests__/harness';
import type { StorageTestContext } from '../__tests__/harness';
import { SQLITE_COUNT_SLICE_ROWS } from './ops-query-repository';

const postgresUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;

// More than two slices, so that a count crosses slice boundaries and ends on a partial one.
const EVENTS = 2 * SQLITE_COUNT_SLICE_ROWS + 123;
const SOURCES = ['shopify_uninstall', 'wp_deactivated', 'wp_deleted'] as const;

function event(index: number, storeId: string): RecordLifecycleEventParams {
  return {
    channel: index % 2 ? 'shopify' : 'wp_bridge',
    deliveryId: `count-${index}`,
    storeId,
    source: SOURCES[index % SOURCES.length] ?? 'shopify_uninstall',
    topic: 'app/uninstalled',
    triggeredAt: new Date('2025-04-01T08:00:00.000Z'),
    payload: { id: index },
  };
}

describe.each<[Dialect]>([['sqlite'], ['postgres']])('ops counts on %s', (dialect) => {
  let context: StorageTestContext;

  beforeAll(async () => {
    context = await setUpContext(dialect, postgresUrl);
    const { repos } = context;
    const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
    for (let from = 0; from < EVENTS; from += 500) {
      const batch = Array.from({ length: Math.min(500, EVENTS - from) }, (_, i) => event(from + i, store.id));
      const results = await repos.lifecycleEvents.recordMany(batch);
      // Some outcomes settled, as jobs would leave them.
      for (const [i, result] of results.entries())
        if (result.inserted && (from + i) % 7 === 0)
          await repos.lifecycleEvents.setOutcome(result.event.id, 'applied', null);
    }
    // Rows gone from the middle: the slices must not depend on rowids being dense.
    await context.db
      .knex('lifecycle_events')
      .whereIn('delivery_id', ['count-10', 'count-4001', 'count-4002'])
      .del();
  }, 120_000);

  afterAll(async () => {
    await tearDownContext(context);
  });

  it('counts lifecycle events by channel, source and outcome as one grouped statement would', async () => {
    const expected = (await context.db
      .knex('lifecycle_events')
      .groupBy('channel', 'source', 'outcome')
      .select('channel', 'source', 'outcome')
      .count({ count: '*' })) as {
      channel: string;
      source: string;
      outcome: string;
      count: number | string;
    }[];
    const sort = <T extends { channel: string; source: string; outcome: string }>(rows: T[]) =>
      [...rows].sort((a, b) =>
        `${a.channel}/${a.source}/${a.outcome}`.localeCompare(`${b.channel}/${b.source}/${b.outcome}`),
      );
    const counts = await context.repos.opsQueries.countLifecycleEvents();
    expect(sort(counts)).toEqual(sort(expected.map((row) => ({ ...row, count: Number(row.count) }))));
    expect(counts.reduce((sum, row) => sum + row.count, 0)).toBe(EVENTS - 3);
    expect(counts.length).toBe(12);
  });

  it('counts stores by platform and state', async () => {
    const counts = await context.repos.opsQueries.countStoresByState();
    expect(counts).toEqual([{ platform: 'shopify', state: 'connected', count: 1 }]);
  });

  if (dialect === 'sqlite') {
    it('lets other statements run between the slices of a count', async () => {
      const { repos } = context;
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const finished: string[] = [];
      const counting = repos.opsQueries.countLifecycleEvents().then(() => finished.push('count'));
      // Asked once the count has read its first slice: one statement for the
      // whole table would hold the connection (and the event loop) to the end.
      await new Promise((resolve) => setImmediate(resolve));
      const reading = repos.stores.findById(store.id).then(() => finished.push('read'));
      await Promise.all([counting, reading]);
      expect(finished).toEqual(['read', 'count']);
    });
  }
});
