import type { RecordLifecycleEventParams } from '@dropship/core';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

function uninstallEvent(deliveryId: string, storeId: string | null): RecordLifecycleEventParams {
  return {
    channel: 'shopify',
    deliveryId,
    storeId,
    source: 'shopify_uninstall',
    topic: 'app/uninstalled',
    triggeredAt: new Date('2025-04-01T08:00:00.250Z'),
    payload: { id: 123, domain: 'x.myshopify.com', tags: ['a', 'b'] },
  };
}

export function describeLifecycleEvents(get: GetContext): void {
  describe('lifecycle events', () => {
    it('records an event once per delivery id and returns the first one on a repeat', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const params = uninstallEvent(`d-${uniqueDomain()}`, store.id);
      const first = await repos.lifecycleEvents.record(params);
      if (!first.inserted) throw new Error('the first delivery must be inserted');
      expect(first.event).toMatchObject({ outcome: 'pending', payload: params.payload });
      expect(first.event.triggeredAt?.getTime()).toBe(params.triggeredAt?.getTime());
      const repeat = await repos.lifecycleEvents.record({ ...params, topic: 'changed' });
      expect(repeat).toEqual({ inserted: false, existing: first.event });
      const otherChannel = await repos.lifecycleEvents.record({ ...params, channel: 'wp_bridge' });
      expect(otherChannel.inserted).toBe(true);
    });

    it('recordMany inserts a list in one call: repeats, earlier or within the list, return the first event', async () => {
      const { repos } = get();
      const earlier = await repos.lifecycleEvents.record(uninstallEvent(`many-${uniqueDomain()}`, null));
      if (!earlier.inserted) throw new Error('expected a new event');
      const fresh = uninstallEvent(`many-${uniqueDomain()}`, null);
      const results = await repos.lifecycleEvents.recordMany([
        fresh,
        uninstallEvent(earlier.event.deliveryId, null),
        { ...fresh, topic: 'second copy' },
        { ...fresh, channel: 'wp_bridge' },
      ]);
      expect(results.map((result) => result.inserted)).toEqual([true, false, false, true]);
      const [first, repeat, copy, other] = results.map((result) =>
        result.inserted ? result.event : result.existing,
      );
      expect(repeat).toEqual(earlier.event);
      expect(copy).toEqual(first);
      expect(first).toMatchObject({ topic: 'app/uninstalled', payload: fresh.payload });
      expect(other?.id).not.toBe(first?.id);
      expect(await repos.lifecycleEvents.recordMany([])).toEqual([]);
    });

    it('recordMany takes a list longer than one insert statement holds', async () => {
      const { repos } = get();
      const prefix = `long-${uniqueDomain()}`;
      const list = Array.from({ length: 1_201 }, (_, i) => uninstallEvent(`${prefix}-${i}`, null));
      // A repeat in a later slice of an event of the first one.
      list.push(uninstallEvent(`${prefix}-3`, null));
      const results = await repos.lifecycleEvents.recordMany(list);
      expect(results).toHaveLength(1_202);
      expect(results.filter((result) => result.inserted)).toHaveLength(1_201);
      const [fourth, last] = [results[3], results[1_201]];
      if (!fourth?.inserted || last?.inserted !== false)
        throw new Error('expected the last entry to repeat the fourth');
      expect(last.existing).toEqual(fourth.event);
      expect(results.map((result) => (result.inserted ? result.event : result.existing).deliveryId)).toEqual(
        list.map((params) => params.deliveryId),
      );
    });

    it('ten parallel deliveries with the same id insert exactly one event', async () => {
      const { repos } = get();
      const params = uninstallEvent(`race-${uniqueDomain()}`, null);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => repos.lifecycleEvents.record(params)),
      );
      const inserted = results.filter((result) => result.inserted);
      expect(inserted).toHaveLength(1);
      const ids = new Set(results.map((result) => (result.inserted ? result.event.id : result.existing.id)));
      expect(ids.size).toBe(1);
    });

    it('recordAndBeginDisconnects records the list and moves the stores of its new disconnects, first event of a store winning', async () => {
      const { repos } = get();
      const installedAt = new Date('2025-03-01T00:00:00.000Z');
      const create = () => repos.stores.create({ platform: 'shopify', domain: uniqueDomain(), installedAt });
      const [plain, twice, stale, already, recordOnly, gone] = [
        await create(),
        await create(),
        await create(),
        await create(),
        await create(),
        await create(),
      ];
      await repos.stores.updateIf(gone.id, 'connected', { state: 'disconnected', automationEnabled: false });
      const earlier = await repos.lifecycleEvents.record(uninstallEvent(`rd-${uniqueDomain()}`, already.id));
      if (!earlier.inserted) throw new Error('expected a new event');
      const at = new Date('2025-04-01T08:00:00.250Z');
      const disconnect = { at, source: 'shopify_uninstall' as const };
      const fresh = { ...uninstallEvent(`rd-${uniqueDomain()}`, plain.id), disconnect };
      const { results, moved } = await repos.lifecycleEvents.recordAndBeginDisconnects([
        fresh,
        { ...uninstallEvent(`rd-${uniqueDomain()}`, twice.id), disconnect },
        {
          ...uninstallEvent(`rd-${uniqueDomain()}`, twice.id),
          disconnect: { at: new Date('2025-04-02T00:00:00.000Z'), source: 'wp_deleted' },
        },
        {
          ...uninstallEvent(`rd-${uniqueDomain()}`, stale.id),
          disconnect: { ...disconnect, at: new Date('2025-02-01T00:00:00.000Z') },
        },
        // A repeat of an earlier delivery moves nothing, even with a disconnect.
        { ...uninstallEvent(earlier.event.deliveryId, already.id), disconnect },
        // A repeat within the list returns the list's first copy.
        { ...fresh, topic: 'second copy' },
        {
          ...uninstallEvent(`rd-${uniqueDomain()}`, recordOnly.id),
          outcome: 'ignored',
          outcomeReason: 'test',
        },
        // A store no longer connected stays as it is.
        { ...uninstallEvent(`rd-${uniqueDomain()}`, gone.id), disconnect },
      ]);
      expect(results.map((result) => result.inserted)).toEqual([
        true,
        true,
        true,
        true,
        false,
        false,
        true,
        true,
      ]);
      const events = results.map((result) => (result.inserted ? result.event : result.existing));
      expect(events[4]).toEqual(earlier.event);
      expect(events[5]).toEqual(events[0]);
      expect(events[0]).toMatchObject({
        storeId: plain.id,
        outcome: 'pending',
        payload: fresh.payload,
      });
      expect(events[6]).toMatchObject({ outcome: 'ignored', outcomeReason: 'test' });
      // Each event returned is the row as stored, new or not.
      for (const event of events) expect(await repos.lifecycleEvents.findById(event.id)).toEqual(event);
      const byIds = await repos.lifecycleEvents.findByIds([
        ...events.map((event) => event.id),
        'no-such-event',
      ]);
      expect(byIds.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...new Map(events.map((event) => [event.id, event])).values()].sort((a, b) =>
          a.id.localeCompare(b.id),
        ),
      );
      expect(await repos.lifecycleEvents.findByIds([])).toEqual([]);
      const settled = [events[0], events[2]].map((event) => event?.id ?? '');
      expect(
        (await repos.lifecycleEvents.setOutcomes([...settled, 'no-such-event'], 'applied', 'why')).sort(),
      ).toEqual([...settled].sort());
      for (const id of settled) {
        expect(await repos.lifecycleEvents.findById(id)).toMatchObject({
          outcome: 'applied',
          outcomeReason: 'why',
        });
      }
      expect(await repos.lifecycleEvents.findById(events[1]?.id ?? '')).toMatchObject({ outcome: 'pending' });
      expect(await repos.lifecycleEvents.setOutcomes([], 'applied', null)).toEqual([]);
      expect(moved.sort()).toEqual([plain.id, twice.id].sort());
      expect(await repos.stores.findById(twice.id)).toMatchObject({
        state: 'disconnecting',
        automationEnabled: false,
        disconnectSource: 'shopify_uninstall',
        disconnectedAt: at,
      });
      for (const untouched of [stale, already, recordOnly]) {
        expect(await repos.stores.findById(untouched.id)).toMatchObject({
          state: 'connected',
          automationEnabled: true,
        });
      }
      expect(await repos.stores.findById(gone.id)).toMatchObject({
        state: 'disconnected',
        disconnectSource: null,
      });
      expect(await repos.lifecycleEvents.recordAndBeginDisconnects([])).toEqual({ results: [], moved: [] });
    });

    it('parallel recordAndBeginDisconnects of one delivery insert one event and move its store once', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const params = {
        ...uninstallEvent(`rd-race-${uniqueDomain()}`, store.id),
        disconnect: { at: new Date('2025-04-01T08:00:00.250Z'), source: 'shopify_uninstall' as const },
      };
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => repos.lifecycleEvents.recordAndBeginDisconnects([params])),
      );
      expect(outcomes.filter((outcome) => outcome.results[0]?.inserted)).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => outcome.moved)).toEqual([store.id]);
      const ids = new Set(
        outcomes.map(({ results: [result] }) => (result?.inserted ? result.event.id : result?.existing.id)),
      );
      expect(ids.size).toBe(1);
    });

    it('recording and the lookups by key go on after a migration adds a column to their tables', async () => {
      const { repos, db } = get();
      const tables = [
        'lifecycle_events',
        'stores',
        'subscriptions',
        'disconnect_reports',
        'published_products',
        'orders',
        'supplier_orders',
      ];
      const roundTrip = async (label: string) => {
        const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
        const params = { ...uninstallEvent(`rd-${label}-${uniqueDomain()}`, store.id) };
        const { results } = await repos.lifecycleEvents.recordAndBeginDisconnects([params]);
        const event = results[0]?.inserted ? results[0].event : null;
        return {
          recorded: event !== null,
          event: event && (await repos.lifecycleEvents.findById(event.id))?.id === event.id,
          store: (await repos.stores.findById(store.id))?.id === store.id,
          batched: [
            (await repos.stores.findByIds([store.id])).length,
            (await repos.stores.findWithSiteSecrets([store.id])).length,
            (await repos.stores.findByDomains('shopify', [store.domain])).length,
            (await repos.subscriptions.listByStores([store.id])).length,
          ],
          subscription: await repos.subscriptions.findLatestByStore(store.id),
          report: await repos.disconnectReports.findByEvent(event?.id ?? 'none'),
          products: await repos.publishedProducts.countByStore(store.id),
          orders: [
            (await repos.orders.listByStatus(store.id, 'pending', 10)).length,
            await repos.orders.countByStatus(store.id, 'pending'),
            (await repos.supplierOrders.listByStatus(store.id, 'placing', 10)).length,
          ],
          outcome: event && (await repos.lifecycleEvents.setOutcome(event.id, 'applied', null)),
        };
      };
      const expected = {
        recorded: true,
        event: true,
        store: true,
        batched: [1, 1, 1, 0],
        subscription: null,
        report: null,
        products: 0,
        orders: [0, 0, 0],
        outcome: true,
      };
      // Sequential calls reuse the pool's idle connection, where the statements are prepared.
      for (const round of [1, 2, 3]) expect(await roundTrip(`before-${round}`)).toEqual(expected);
      for (const table of tables)
        await db.knex.schema.alterTable(table, (t) => t.string('note', 20).nullable());
      try {
        for (const round of [1, 2, 3]) expect(await roundTrip(`after-${round}`)).toEqual(expected);
      } finally {
        for (const table of tables) await db.knex.schema.alterTable(table, (t) => t.dropColumn('note'));
      }
    });

    it('lists pending events with a store, oldest first, a page at a time, for the recovery sweep', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      // A window of time no other test writes in, so the listing sees only these events.
      const at = (minute: number) => new Date(Date.UTC(2001, 1, 3, 4, minute));
      const record = async (
        minute: number,
        storeId: string | null,
        extra: Partial<RecordLifecycleEventParams> = {},
      ) => {
        const result = await repos.lifecycleEvents.record({
          ...uninstallEvent(`pending-${minute}-${uniqueDomain()}`, storeId),
          receivedAt: at(minute),
          correlationId: `req-${minute}`,
          ...extra,
        });
        if (!result.inserted) throw new Error('expected a new event');
        return result.event;
      };
      const second = await record(2, store.id);
      const first = await record(1, store.id);
      const sameTime = await record(2, store.id);
      await record(3, store.id, { outcome: 'ignored', outcomeReason: 'test' });
      await record(3, null);
      const settled = await record(4, store.id);
      await repos.lifecycleEvents.setOutcome(settled.id, 'applied', null);
      await record(9, store.id);
      // Two events of the same time come in id order.
      const [a, b] = second.id < sameTime.id ? [second, sameTime] : [sameTime, second];

      const start = { receivedAt: at(0), id: '' };
      const page = (after: { receivedAt: Date; id: string }, limit: number) =>
        repos.lifecycleEvents.listPending({ receivedBefore: at(9), after, limit });
      const all = await page(start, 100);
      expect(all).toEqual(
        [first, a, b].map((event) => ({
          id: event.id,
          storeId: store.id,
          source: 'shopify_uninstall',
          triggeredAt: event.triggeredAt,
          receivedAt: event.receivedAt,
          correlationId: event.correlationId,
        })),
      );
      const [one] = await page(start, 1);
      const [two] = await page(one!, 1);
      const rest = await page(two!, 10);
      expect([one, two, ...rest].map((event) => event?.id)).toEqual([first.id, a.id, b.id]);
      expect(await page(all[2]!, 10)).toEqual([]);
    });

    it('sets an outcome and lists a store’s events newest first', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const older = await repos.lifecycleEvents.record({
        ...uninstallEvent(`o-${uniqueDomain()}`, store.id),
        receivedAt: new Date(1000),
      });
      const newer = await repos.lifecycleEvents.record({
        ...uninstallEvent(`n-${uniqueDomain()}`, store.id),
        receivedAt: new Date(2000),
      });
      if (!older.inserted || !newer.inserted) throw new Error('expected new events');
      expect(
        await repos.lifecycleEvents.setOutcome(
          older.event.id,
          'ignored_stale',
          'older than the latest install',
        ),
      ).toBe(true);
      const listed = await repos.lifecycleEvents.list({ storeId: store.id, limit: 10 });
      expect(listed.map((event) => event.id)).toEqual([newer.event.id, older.event.id]);
      expect(listed[1]).toMatchObject({
        outcome: 'ignored_stale',
        outcomeReason: 'older than the latest install',
      });
      expect(
        await repos.lifecycleEvents.list({ storeId: store.id, before: new Date(2000), limit: 10 }),
      ).toHaveLength(1);
      expect(
        await repos.lifecycleEvents.list({ outcome: 'ignored_stale', storeId: store.id, limit: 10 }),
      ).toHaveLength(1);
      expect((await repos.lifecycleEvents.findByDelivery('shopify', newer.event.deliveryId))?.id).toBe(
        newer.event.id,
      );
    });
  });

  describe('audit log', () => {
    it('appends entries and lists an entity’s history newest first', async () => {
      const { repos } = get();
      const entityId = uniqueDomain('entity');
      const first = await repos.audit.append({
        actorType: 'merchant',
        actorId: 'u1',
        action: 'subscription.cancel',
        entityType: 'subscription',
        entityId,
        at: new Date(1000),
        details: { reason: 'too_expensive' },
      });
      const second = await repos.audit.append({
        actorType: 'system',
        action: 'store.disconnect',
        entityType: 'subscription',
        entityId,
        at: new Date(2000),
      });
      expect(await repos.audit.listByEntity('subscription', entityId)).toEqual([second, first]);
      expect(second).toMatchObject({ actorId: null, details: {}, correlationId: null });
    });
  });
}
