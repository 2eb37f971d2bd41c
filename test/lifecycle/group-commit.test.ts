import { createManualClock } from '@dropship/core';
import type { Store } from '@dropship/core';
import { createEventIngestor, createPendingEventSweep } from '@dropship/lifecycle';
import type { IngestEventParams } from '@dropship/lifecycle';
import { lifecycleJobId, orderSyncSchedulerId } from '@dropship/queues';
import { openWorkerBed, uniquePrefix } from '../worker/support/environment';
import type { WorkerBed } from '../worker/support/environment';

describe.each(['sqlite', 'postgres'] as const)('group-committed lifecycle events (%s)', (dialect) => {
  let bed: WorkerBed;
  const clock = createManualClock(new Date('2026-03-02T10:00:00.000Z'));
  beforeAll(async () => {
    bed = await openWorkerBed(uniquePrefix('group'), dialect);
  });
  afterAll(() => bed.close());

  const installedAt = new Date('2026-03-01T00:00:00.000Z');
  const newStore = () =>
    bed.database.repos.stores.create({
      platform: 'shopify',
      domain: `g-${Math.random()}.myshopify.com`,
      installedAt,
    });
  const uninstall = (store: Store, deliveryId: string, triggeredAt: Date): IngestEventParams => ({
    channel: 'shopify',
    deliveryId,
    storeId: store.id,
    source: 'shopify_uninstall',
    topic: 'app/uninstalled',
    triggeredAt,
    payload: {},
    correlationId: null,
  });

  it('answers each of many concurrent events on its own, with one effect per store', async () => {
    const { repos } = bed.database;
    const ingestor = createEventIngestor({ repos, queues: bed.queues, clock });
    const [leaving, twice, stale] = [await newStore(), await newStore(), await newStore()];
    for (const store of [leaving, twice, stale])
      await bed.queues.scheduleOrderSync(store.id, { everyMs: 3_600_000 });
    const at = new Date('2026-03-02T09:00:00.000Z');
    const results = await Promise.all([
      ingestor.ingest(uninstall(leaving, `a-${leaving.id}`, at)),
      ingestor.ingest(uninstall(twice, `b-${twice.id}`, at)),
      ingestor.ingest(uninstall(twice, `b-${twice.id}`, at)),
      ingestor.ingest({
        ...uninstall(stale, `c-${stale.id}`, new Date('2026-02-01T00:00:00.000Z')),
        recordOnly: { outcome: 'ignored_stale', reason: 'before the latest install' },
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'duplicate', 'recorded']);
    expect(results[2]?.event.id).toBe(results[1]?.event.id);
    // Each accepted uninstall says it took its store out of `connected`.
    expect(results.slice(0, 2).map((result) => 'storeLeft' in result && result.storeLeft)).toEqual([
      true,
      true,
    ]);

    for (const store of [leaving, twice]) {
      expect(await repos.stores.findById(store.id)).toMatchObject({
        state: 'disconnecting',
        automationEnabled: false,
        disconnectSource: 'shopify_uninstall',
        disconnectedAt: at,
      });
      expect(await bed.queues.orderSync.getJobScheduler(orderSyncSchedulerId(store.id))).toBeFalsy();
    }
    expect(await repos.stores.findById(stale.id)).toMatchObject({
      state: 'connected',
      automationEnabled: true,
    });
    expect(await bed.queues.orderSync.getJobScheduler(orderSyncSchedulerId(stale.id))).toBeTruthy();

    const queued = await bed.queues.lifecycle.getJobs(['waiting', 'delayed', 'prioritized']);
    const ids = queued.map((job) => job.id).sort();
    expect(ids).toEqual(
      [results[0], results[1]].map((result) => lifecycleJobId(result?.event.id ?? '')).sort(),
    );
  });

  it("an uninstall older than the store's latest install never moves it, even if accepted", async () => {
    const { repos } = bed.database;
    const ingestor = createEventIngestor({ repos, queues: bed.queues, clock });
    const store = await newStore();
    const result = await ingestor.ingest(
      uninstall(store, `d-${store.id}`, new Date('2026-02-15T00:00:00.000Z')),
    );
    expect(result).toMatchObject({ status: 'accepted', storeLeft: false });
    expect(await repos.stores.findById(store.id)).toMatchObject({
      state: 'connected',
      automationEnabled: true,
    });
  });

  it('a batch that Redis refuses rejects every event in it; a retry or the recovery sweep queues them', async () => {
    const { repos } = bed.database;
    const store = await newStore();
    const failing = {
      ...bed.queues,
      enqueueMany: () => Promise.reject(new Error('Redis is down')),
    };
    const ingestor = createEventIngestor({ repos, queues: failing, clock });
    const settled = await Promise.allSettled([
      ingestor.ingest(uninstall(store, `e-${store.id}`, clock.now())),
      ingestor.ingest(uninstall(store, `f-${store.id}`, clock.now())),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    // Recorded, still pending, and not queued: the sender's retry (a duplicate) queues one, the recovery sweep the other.
    const [e, f] = await Promise.all(
      ['e', 'f'].map((prefix) => repos.lifecycleEvents.findByDelivery('shopify', `${prefix}-${store.id}`)),
    );
    for (const event of [e, f]) {
      expect(event?.outcome).toBe('pending');
      expect(await bed.queues.lifecycle.getJob(lifecycleJobId(event!.id))).toBeUndefined();
    }
    const retry = await createEventIngestor({ repos, queues: bed.queues, clock }).ingest(
      uninstall(store, `e-${store.id}`, clock.now()),
    );
    expect(retry.status).toBe('duplicate');
    expect(await bed.queues.lifecycle.getJob(lifecycleJobId(retry.event.id))).toBeTruthy();

    clock.advance(60_000);
    const sweep = createPendingEventSweep(
      { repos, queues: bed.queues, clock },
      { minAgeMs: 30_000, pageSize: 2, maxPerRun: 1_000_000 },
    );
    const swept = await sweep.run();
    expect(swept.requeued).toBe(1);
    expect(swept.examined).toBeGreaterThanOrEqual(2);
    expect((await bed.queues.lifecycle.getJob(lifecycleJobId(f!.id)))?.data).toMatchObject({
      eventId: f!.id,
      storeId: store.id,
      source: 'shopify_uninstall',
    });
    // Every job is there now: the next pass adds nothing.
    expect((await sweep.run()).requeued).toBe(0);
    // A job Redis lost (restarted without its data) while its event is pending comes back too.
    await (await bed.queues.lifecycle.getJob(lifecycleJobId(e!.id)))!.remove();
    expect((await sweep.run()).requeued).toBe(1);
    expect(await bed.queues.lifecycle.getJob(lifecycleJobId(e!.id))).toBeTruthy();
  });
});
