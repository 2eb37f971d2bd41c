import Database from 'better-sqlite3';
import { ErrorKinds } from '@dropship/core';
import { BLOCKING_LOCK_WAIT_MS } from '../sqlite/connection';
import { setUpContext, tearDownContext } from '../__tests__/harness';
import type { StorageTestContext } from '../__tests__/harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the SQLite ingest batch while another connection holds the write lock', () => {
  let context: StorageTestContext;

  beforeAll(async () => {
    context = await setUpContext('sqlite', '');
  });

  afterAll(async () => {
    await tearDownContext(context);
  });

  const filename = () => new URL(context.target.url).pathname;

  const eventFor = (storeId: string, deliveryId: string) => ({
    channel: 'shopify_webhook' as const,
    deliveryId,
    storeId,
    source: 'shopify_uninstall' as const,
    topic: 'app/uninstalled',
    triggeredAt: new Date('2025-04-01T08:00:00.000Z'),
    payload: { id: 1 },
    outcome: 'pending' as const,
    correlationId: null,
    disconnect: { at: new Date('2025-04-01T08:00:00.000Z'), source: 'shopify_uninstall' as const },
  });

  it('waits with the event loop free, then commits once the lock is released', async () => {
    const { repos } = context;
    const store = await repos.stores.create({ platform: 'shopify', domain: 'lock-wait.myshopify.com' });
    // Another process's writer, as the worker or the WAL checkpointer would be.
    const other = new Database(filename());
    other.pragma('busy_timeout = 5000');
    other.exec('begin immediate');
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(Date.now()), 5);
    try {
      const batch = repos.lifecycleEvents.recordAndBeginDisconnects([eventFor(store.id, 'lock-wait-1')]);
      await sleep(150);
      // A busy handler sleeping on this thread would have let no timer run meanwhile.
      expect(ticks.length).toBeGreaterThanOrEqual(10);
      expect(await repos.stores.findById(store.id)).toMatchObject({ state: 'connected' });
      other.exec('commit');
      const { results, moved } = await batch;
      expect(results.map((result) => result.inserted)).toEqual([true]);
      expect(moved).toEqual([store.id]);
      expect(await repos.stores.findById(store.id)).toMatchObject({ state: 'disconnecting' });
      // Every other statement of the connection still waits for a lock as configured.
      expect(await context.db.knex.raw('pragma busy_timeout')).toEqual([{ timeout: BLOCKING_LOCK_WAIT_MS }]);
    } finally {
      clearInterval(ticker);
      if (other.inTransaction) other.exec('rollback');
      other.close();
    }
  });

  it('a batch refused for a lock held past the busy timeout leaves nothing behind', async () => {
    const { repos } = context;
    const store = await repos.stores.create({ platform: 'shopify', domain: 'lock-held.myshopify.com' });
    const other = new Database(filename());
    other.exec('begin immediate');
    try {
      await expect(
        repos.lifecycleEvents.recordAndBeginDisconnects([eventFor(store.id, 'lock-held-1')]),
      ).rejects.toMatchObject({ kind: ErrorKinds.unavailable });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await repos.lifecycleEvents.findByDelivery('shopify_webhook', 'lock-held-1')).toBeNull();
    expect(await repos.stores.findById(store.id)).toMatchObject({ state: 'connected' });
  }, 15_000);
});
