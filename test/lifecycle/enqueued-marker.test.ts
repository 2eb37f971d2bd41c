import { systemClock } from '@dropship/core';
import { createBatchedEnqueuedMarker } from '@dropship/lifecycle';
import { createTestDatabase } from '../worker/support/environment';
import type { TestDatabase } from '../worker/support/environment';

describe('batched "queued" marks of lifecycle events', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(() => database.destroy());

  async function recordPending(deliveryId: string) {
    const recorded = await database.repos.lifecycleEvents.record({
      channel: 'shopify',
      deliveryId,
      storeId: null,
      source: 'shopify_uninstall',
      topic: 'app/uninstalled',
      payload: {},
    });
    if (!recorded.inserted) throw new Error('expected a new event');
    return recorded.event.id;
  }

  it('writes every mark of a batch in one go, and recovery no longer lists those events', async () => {
    const ids = await Promise.all(['a', 'b', 'c'].map(recordPending));
    const marker = createBatchedEnqueuedMarker({
      lifecycleEvents: database.repos.lifecycleEvents,
      clock: systemClock,
      intervalMs: 60_000,
    });
    ids.forEach((id) => marker.mark(id));
    expect((await database.repos.lifecycleEvents.listUnenqueued(10)).map((e) => e.id).sort()).toEqual(
      [...ids].sort(),
    );
    await marker.close();
    expect(await database.repos.lifecycleEvents.listUnenqueued(10)).toEqual([]);
    for (const id of ids) {
      expect((await database.repos.lifecycleEvents.findById(id))?.enqueuedAt).toBeInstanceOf(Date);
    }
  });

  it('reports a failed write instead of throwing, leaving the events to the recovery sweep', async () => {
    const id = await recordPending('d');
    const errors: unknown[] = [];
    const marker = createBatchedEnqueuedMarker({
      lifecycleEvents: {
        markManyEnqueued: () => Promise.reject(new Error('database unavailable')),
      },
      clock: systemClock,
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    marker.mark(id);
    await marker.close();
    expect(errors).toHaveLength(1);
    expect((await database.repos.lifecycleEvents.listUnenqueued(10)).map((e) => e.id)).toContain(id);
  });
});
