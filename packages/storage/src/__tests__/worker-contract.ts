import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

export function describeWorkerTables(get: GetContext): void {
  describe('outbox', () => {
    it('writes a message once per idempotency key and records its delivery', async () => {
      const { repos } = get();
      const params = {
        idempotencyKey: `products_left.${uniqueDomain()}`,
        to: 'owner@example.com',
        subject: 'Products left',
        text: 'Body',
        tags: ['products_left', 'merchant'],
      };
      const first = await repos.outbox.enqueueOnce(params);
      if (!first.inserted) throw new Error('expected a new message');
      expect(first.message).toMatchObject({ status: 'queued', attempts: 0, html: null, sentAt: null });
      expect(await repos.outbox.enqueueOnce({ ...params, subject: 'other' })).toEqual({
        inserted: false,
        existing: first.message,
      });
      const second = { ...params, idempotencyKey: `${params.idempotencyKey}.second`, html: '<p>Body</p>' };
      const many = await repos.outbox.enqueueManyOnce([
        { ...params, subject: 'other' },
        second,
        { ...second, subject: 'repeat' },
      ]);
      expect(many[0]).toEqual({ inserted: false, existing: first.message });
      if (!many[1]?.inserted) throw new Error('expected a new message');
      expect(many[1].message).toMatchObject({ idempotencyKey: second.idempotencyKey, html: '<p>Body</p>' });
      expect(many[2]).toEqual({ inserted: false, existing: many[1].message });
      expect(await repos.outbox.findByKey(second.idempotencyKey)).toEqual(many[1].message);
      expect(await repos.outbox.enqueueManyOnce([])).toEqual([]);
      expect(await repos.outbox.markAttemptFailed(first.message.id, 'SMTP refused', false)).toBe(true);
      expect(await repos.outbox.findById(first.message.id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        error: 'SMTP refused',
      });
      const at = new Date('2025-03-01T10:00:00Z');
      expect(await repos.outbox.markSent(first.message.id, at, 'smtp-1')).toBe(true);
      expect(await repos.outbox.markSent(first.message.id, at, 'smtp-2')).toBe(false);
      expect(await repos.outbox.findByKey(params.idempotencyKey)).toMatchObject({
        status: 'sent',
        attempts: 2,
        error: null,
        sentAt: at,
        transportId: 'smtp-1',
      });
      const tagged = await repos.outbox.list({ tag: 'merchant', to: 'owner@example.com', limit: 50 });
      expect(tagged.map((m) => m.id)).toContain(first.message.id);
      expect(await repos.outbox.list({ tag: 'merch', limit: 50 })).toEqual([]);
    });
  });

  describe('disconnect reports', () => {
    it('keeps the first report of an event and returns it on a re-run', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const params = {
        storeId: store.id,
        eventId: crypto.randomUUID(),
        source: 'shopify_uninstall',
        productsCount: 3,
        pendingOrdersCount: 1,
        pendingOrders: [
          {
            platformOrderId: '1001',
            name: '#1001',
            receivedAt: new Date('2025-03-01T09:00:00Z'),
            placement: 'not_placed' as const,
          },
        ],
        billing: { kind: 'ended_by_shopify' as const, accessUntil: new Date('2025-03-31T00:00:00Z') },
        generatedAt: new Date('2025-03-01T10:00:00Z'),
      };
      const first = await repos.disconnectReports.saveOnce(params);
      if (!first.inserted) throw new Error('expected a new report');
      expect(first.report).toMatchObject(params);
      const again = await repos.disconnectReports.saveOnce({ ...params, productsCount: 99 });
      expect(again).toEqual({ inserted: false, existing: first.report });
      expect(await repos.disconnectReports.findByEvent(params.eventId)).toEqual(first.report);
      const other = await repos.disconnectReports.saveOnce({ ...params, eventId: crypto.randomUUID() });
      if (!other.inserted) throw new Error('expected a new report');
      const byEvents = await repos.disconnectReports.findByEvents([
        params.eventId,
        other.report.eventId,
        params.eventId,
        'no-such-event',
      ]);
      expect(byEvents.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [first.report, other.report].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(await repos.disconnectReports.findByEvents([])).toEqual([]);
      expect(await repos.disconnectReports.findLatestByStore(store.id)).toEqual(other.report);

      // Many at once, in order: a new one, one saved before, and a repeat within the list.
      const fresh = { ...params, eventId: crypto.randomUUID(), productsCount: 5 };
      const many = await repos.disconnectReports.saveManyOnce([
        fresh,
        { ...params, productsCount: 42 },
        { ...fresh, productsCount: 6 },
      ]);
      expect(many.map((result) => result.inserted)).toEqual([true, false, false]);
      expect(many[1]).toEqual({ inserted: false, existing: first.report });
      const saved = await repos.disconnectReports.findByEvent(fresh.eventId);
      expect(saved).toMatchObject({ productsCount: 5 });
      expect(many[0]).toEqual({ inserted: true, report: saved });
      expect(many[2]).toEqual({ inserted: false, existing: saved });
      expect(await repos.disconnectReports.saveManyOnce([])).toEqual([]);
    });
  });

  describe('team supplier orders and order helpers', () => {
    it('records a team order once and matches ledger products by SKU', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const params = { storeId: store.id, platformOrderId: '77', lines: [{ sku: 'A', quantity: 1 }] };
      const results = await Promise.all([1, 2, 3].map(() => repos.teamSupplierOrders.recordOnce(params)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await repos.teamSupplierOrders.countByStore(store.id)).toBe(1);
      expect((await repos.teamSupplierOrders.listByStore(store.id, 5))[0]).toMatchObject({
        status: 'to_place',
        lines: params.lines,
      });

      await repos.publishedProducts.upsert({
        storeId: store.id,
        platformProductId: '501',
        title: 'Lamp',
        sku: 'LAMP-1',
        status: 'publish',
        publishedAt: new Date('2025-01-01T00:00:00Z'),
      });
      expect((await repos.publishedProducts.findBySku(store.id, 'LAMP-1'))?.platformProductId).toBe('501');
      await repos.publishedProducts.markRemoved(store.id, '501', new Date());
      expect(await repos.publishedProducts.findBySku(store.id, 'LAMP-1')).toBeNull();

      const saved = await repos.orders.saveOnce({
        storeId: store.id,
        platformOrderId: '78',
        containsPlatformProducts: true,
        payload: { email: 'buyer@example.com' },
      });
      const order = saved.inserted ? saved.order : saved.existing;
      expect(await repos.orders.setStatusIf(order.id, 'placed', 'skipped')).toBe(false);
      expect(await repos.orders.setStatusIf(order.id, 'pending', 'placed')).toBe(true);
      expect(await repos.orders.redactByStore(store.id)).toBe(1);
      expect((await repos.orders.findById(order.id))?.payload).toBeNull();
    });
  });
}
