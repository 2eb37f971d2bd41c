import { ErrorKinds } from '@dropship/core';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

export function describeTransactions(get: GetContext): void {
  describe('transactions', () => {
    it('a failing transaction rolls back every write made through its repositories', async () => {
      const { repos } = get();
      const domain = uniqueDomain();
      const failure = new Error('step two failed');
      await expect(
        repos.transaction(async (tx) => {
          const store = await tx.stores.create({ platform: 'woocommerce', domain });
          await tx.audit.append({
            actorType: 'system',
            action: 'store.create',
            entityType: 'store',
            entityId: store.id,
          });
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await repos.stores.findByDomain('woocommerce', domain)).toBeNull();
    });

    it('a successful transaction commits and returns its result', async () => {
      const { repos } = get();
      const domain = uniqueDomain();
      const id = await repos.transaction(async (tx) => {
        const store = await tx.stores.create({ platform: 'woocommerce', domain });
        await tx.stores.setCredentials(store.id, { siteSecret: 'secret' });
        return store.id;
      });
      expect((await repos.stores.getCredentials(id))?.siteSecret).toBe('secret');
    });

    it('a unique violation inside a transaction surfaces as CONFLICT and rolls back', async () => {
      const { repos } = get();
      const domain = uniqueDomain();
      await repos.stores.create({ platform: 'shopify', domain });
      const other = uniqueDomain();
      await expect(
        repos.transaction(async (tx) => {
          await tx.stores.create({ platform: 'shopify', domain: other });
          await tx.stores.create({ platform: 'shopify', domain });
        }),
      ).rejects.toMatchObject({ kind: ErrorKinds.conflict });
      expect(await repos.stores.findByDomain('shopify', other)).toBeNull();
    });

    it('a nested transaction rolls back alone', async () => {
      const { repos } = get();
      const kept = uniqueDomain();
      const dropped = uniqueDomain();
      await repos.transaction(async (tx) => {
        await tx.stores.create({ platform: 'shopify', domain: kept });
        await tx
          .transaction(async (inner) => {
            await inner.stores.create({ platform: 'shopify', domain: dropped });
            throw new Error('inner failure');
          })
          .catch(() => undefined);
      });
      expect(await repos.stores.findByDomain('shopify', kept)).not.toBeNull();
      expect(await repos.stores.findByDomain('shopify', dropped)).toBeNull();
    });
  });
}
