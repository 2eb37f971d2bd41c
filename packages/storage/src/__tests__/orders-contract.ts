import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

export function describeOrders(get: GetContext): void {
  describe('orders', () => {
    it('saves an order once per store order id and tracks its status', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const params = {
        storeId: store.id,
        platformOrderId: '1001',
        containsPlatformProducts: true,
        payload: { total: '12.00' },
      };
      const first = await repos.orders.saveOnce(params);
      if (!first.inserted) throw new Error('expected a new order');
      expect(first.order).toMatchObject({
        status: 'pending',
        containsPlatformProducts: true,
        payload: { total: '12.00' },
      });
      const repeat = await repos.orders.saveOnce({ ...params, containsPlatformProducts: false });
      expect(repeat).toEqual({ inserted: false, existing: first.order });
      await repos.orders.saveOnce({ ...params, platformOrderId: '1002', containsPlatformProducts: false });
      expect(await repos.orders.countByStatus(store.id, 'pending')).toBe(2);
      const other = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      await repos.orders.saveOnce({ ...params, storeId: other.id, platformOrderId: '2001' });
      const none = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const counts = await repos.orders.countByStatusForStores(
        [store.id, other.id, none.id, store.id],
        'pending',
      );
      expect(counts.sort((a, b) => b.count - a.count)).toEqual([
        { storeId: store.id, count: 2 },
        { storeId: other.id, count: 1 },
      ]);
      expect(await repos.orders.countByStatusForStores([store.id], 'placed')).toEqual([]);
      expect(await repos.orders.countByStatusForStores([], 'pending')).toEqual([]);
      expect(await repos.orders.setStatus(first.order.id, 'placed')).toBe(true);
      expect(
        (await repos.orders.listByStatus(store.id, 'pending', 10)).map((order) => order.platformOrderId),
      ).toEqual(['1002']);
      expect((await repos.orders.findByPlatformId(store.id, '1001'))?.status).toBe('placed');
      expect((await repos.orders.findById(first.order.id))?.containsPlatformProducts).toBe(true);
    });
  });

  describe('supplier orders', () => {
    it('ten concurrent placements of the same order create one supplier order', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const lines = [{ sku: 'SKU-1', quantity: 2 }];
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          repos.supplierOrders.createOnce({
            storeId: store.id,
            platformOrderId: 'gid://shopify/Order/9',
            lines,
          }),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const ids = new Set(
        results.map((result) => (result.created ? result.supplierOrder.id : result.existing.id)),
      );
      expect(ids.size).toBe(1);
      const stored = await repos.supplierOrders.findByOrderKey(store.id, 'gid://shopify/Order/9');
      expect(stored).toMatchObject({ lines, status: 'placing', supplierOrderId: null });
    });

    it('records the supplier’s order id and lists a store’s supplier orders', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const created = await repos.supplierOrders.createOnce({
        storeId: store.id,
        platformOrderId: 'o-1',
        lines: [],
      });
      if (!created.created) throw new Error('expected a new supplier order');
      const updated = await repos.supplierOrders.update(created.supplierOrder.id, {
        supplierOrderId: 'SUP-77',
        status: 'placed',
      });
      expect(updated).toMatchObject({ supplierOrderId: 'SUP-77', status: 'placed' });
      expect(await repos.supplierOrders.update('missing', { status: 'failed' })).toBeNull();
      expect((await repos.supplierOrders.listByStore(store.id, 10)).map((order) => order.id)).toEqual([
        created.supplierOrder.id,
      ]);
    });
  });
}
