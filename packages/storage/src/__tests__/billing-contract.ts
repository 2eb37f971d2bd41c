import { ErrorKinds } from '@dropship/core';
import type { Repositories } from '@dropship/core';
import { StorageError } from '../index';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

const periodStart = new Date('2025-01-31T10:00:00.000Z');
const periodEnd = new Date('2025-02-28T10:00:00.000Z');

async function platformSubscription(repos: Repositories, state: 'connected' | 'disconnected' = 'connected') {
  const account = await repos.accounts.create({ email: null });
  const store = await repos.stores.create({
    platform: 'woocommerce',
    domain: uniqueDomain(),
    accountId: account.id,
    state,
  });
  const subscription = await repos.subscriptions.create({
    storeId: store.id,
    accountId: account.id,
    provider: 'platform',
    planName: 'Monthly',
    priceMinor: 2900,
    currency: 'EUR',
    status: 'active',
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    anchorDay: 31,
  });
  return { account, store, subscription };
}

export function describeBilling(get: GetContext): void {
  describe('subscriptions', () => {
    it('create and find a subscription with its billing cycle', async () => {
      const { repos } = get();
      const { store, subscription } = await platformSubscription(repos);
      expect(subscription).toMatchObject({ interval: 'month', anchorDay: 31, cancelAtPeriodEnd: false });
      expect(await repos.subscriptions.findById(subscription.id)).toEqual(subscription);
      expect(await repos.subscriptions.findLatestByStore(store.id)).toEqual(subscription);
      expect(await repos.subscriptions.listByStore(store.id)).toEqual([subscription]);
      const other = await platformSubscription(repos);
      const both = await repos.subscriptions.listByStores([store.id, other.store.id, store.id, 'missing']);
      expect(both.map((record) => record.id).sort()).toEqual([subscription.id, other.subscription.id].sort());
      expect(await repos.subscriptions.listByStores([])).toEqual([]);
    });

    it('find a Shopify subscription by its external id', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const gid = `gid://shopify/AppSubscription/${Date.now()}`;
      const created = await repos.subscriptions.create({
        storeId: store.id,
        provider: 'shopify',
        externalId: gid,
        planName: 'Pro',
        priceMinor: 1999,
        currency: 'USD',
        status: 'active',
      });
      expect(await repos.subscriptions.findByExternalId('shopify', gid)).toEqual(created);
      expect(await repos.subscriptions.findByExternalId('platform', gid)).toBeNull();
    });

    it('a cancellation applies only while the status is still the expected one', async () => {
      const { repos } = get();
      const { subscription } = await platformSubscription(repos);
      const cancelledAt = new Date('2025-02-10T12:00:00.123Z');
      const patch = {
        status: 'pending_cancellation' as const,
        cancelAtPeriodEnd: true,
        cancelledAt,
        cancelReason: 'too_expensive',
        cancelReasonText: 'Trop cher',
        cancelSource: 'dashboard',
        cancelledBy: 'owner-1',
        billingEndsAt: periodEnd,
      };
      expect(await repos.subscriptions.updateIf(subscription.id, 'active', patch)).toBe(true);
      expect(await repos.subscriptions.updateIf(subscription.id, 'active', { status: 'cancelled' })).toBe(
        false,
      );
      const stored = await repos.subscriptions.findById(subscription.id);
      expect(stored).toMatchObject(patch);
      const updated = await repos.subscriptions.update(subscription.id, { status: 'cancelled' });
      expect(updated?.status).toBe('cancelled');
    });

    it('updateManyIf applies each its own patch, only while the status is still the expected one', async () => {
      const { repos } = get();
      const [a, b, moved, other] = await Promise.all([1, 2, 3, 4].map(() => platformSubscription(repos)));
      if (!a || !b || !moved || !other) throw new Error('four subscriptions expected');
      await repos.subscriptions.updateIf(moved.subscription.id, 'active', { status: 'cancelled' });
      const cancel = (at: string, reasonText: string | null) => ({
        status: 'cancelled' as const,
        cancelAtPeriodEnd: false,
        cancelledAt: new Date(at),
        cancelSource: 'shopify_uninstall',
        cancelReason: null,
        cancelReasonText: reasonText,
        billingEndsAt: new Date(at),
      });
      const patchA = cancel('2025-02-10T12:00:00.123Z', 'première');
      const patchB = cancel('2025-02-11T13:00:00.456Z', null);
      const applied = await repos.subscriptions.updateManyIf([
        { id: a.subscription.id, expectedStatus: 'active', patch: patchA },
        { id: moved.subscription.id, expectedStatus: 'active', patch: patchB },
        { id: b.subscription.id, expectedStatus: 'active', patch: patchB },
        // Another shape of patch, and a status that no longer holds.
        {
          id: other.subscription.id,
          expectedStatus: 'active',
          patch: { planName: 'Scale', priceMinor: 4900 },
        },
        { id: a.subscription.id, expectedStatus: 'trial', patch: { status: 'active' } },
        { id: 'missing', expectedStatus: 'active', patch: patchA },
      ]);
      expect(applied.sort()).toEqual([a.subscription.id, b.subscription.id, other.subscription.id].sort());
      const [storedA, storedB, storedMoved, storedOther] = await Promise.all(
        [a, b, moved, other].map((entry) => repos.subscriptions.findById(entry.subscription.id)),
      );
      expect(storedA).toMatchObject(patchA);
      expect(storedB).toMatchObject(patchB);
      expect(storedA?.cancelledAt?.getTime()).toBe(patchA.cancelledAt.getTime());
      expect(storedA?.updatedAt.getTime()).toBeGreaterThan(a.subscription.updatedAt.getTime() - 1);
      expect(storedMoved).toMatchObject({ status: 'cancelled', cancelledAt: null });
      expect(storedOther).toMatchObject({
        status: 'active',
        planName: 'Scale',
        priceMinor: 4900,
        cancelledAt: null,
      });
      expect(await repos.subscriptions.updateManyIf([])).toEqual([]);
    });

    it('lists platform subscriptions whose period has ended, and disconnected stores still billed', async () => {
      const { repos } = get();
      const due = await platformSubscription(repos);
      const disconnected = await platformSubscription(repos, 'disconnected');
      const ending = await repos.subscriptions.listPeriodEndingBefore(
        new Date('2025-03-01T00:00:00Z'),
        ['active'],
        1000,
      );
      expect(ending.map((s) => s.id)).toEqual(
        expect.arrayContaining([due.subscription.id, disconnected.subscription.id]),
      );
      expect(
        await repos.subscriptions.listPeriodEndingBefore(new Date('2025-02-01T00:00:00Z'), ['active'], 1000),
      ).toEqual([]);
      const billed = await repos.subscriptions.listStillBilledAfterDisconnect(1000);
      const ids = billed.map((entry) => entry.subscription.id);
      expect(ids).toContain(disconnected.subscription.id);
      expect(ids).not.toContain(due.subscription.id);
      expect(billed.find((entry) => entry.subscription.id === disconnected.subscription.id)?.store.id).toBe(
        disconnected.store.id,
      );
    });
  });

  describe('invoices', () => {
    it('create invoices with allocated numbers and void an open one once', async () => {
      const { repos } = get();
      const { account, subscription } = await platformSubscription(repos);
      const base = {
        subscriptionId: subscription.id,
        accountId: account.id,
        amountMinor: 2900,
        currency: 'EUR',
        periodStart,
        periodEnd,
      };
      const paid = await repos.invoices.create({ ...base, status: 'paid' });
      const open = await repos.invoices.create({ ...base, status: 'open' });
      expect(paid.number).toMatch(/^INV-\d{6,}$/);
      expect(open.number).not.toBe(paid.number);
      expect(await repos.invoices.findByNumber(open.number)).toEqual(open);
      expect((await repos.invoices.listByStatus(subscription.id, 'open')).map((i) => i.id)).toEqual([
        open.id,
      ]);
      const voidedAt = new Date('2025-02-11T00:00:00.456Z');
      expect(await repos.invoices.updateIf(open.id, 'open', { status: 'void', voidedAt })).toBe(true);
      expect(await repos.invoices.updateIf(open.id, 'open', { status: 'void', voidedAt })).toBe(false);
      expect((await repos.invoices.findById(open.id))?.voidedAt?.getTime()).toBe(voidedAt.getTime());
      expect(await repos.invoices.countByAccount(account.id)).toBe(2);
      expect(await repos.invoices.listBySubscription(subscription.id)).toHaveLength(2);
    });

    it('concurrent invoice creations never share a number', async () => {
      const { repos } = get();
      const { subscription } = await platformSubscription(repos);
      const invoices = await Promise.all(
        Array.from({ length: 10 }, () =>
          repos.invoices.create({
            subscriptionId: subscription.id,
            status: 'open',
            amountMinor: 100,
            currency: 'EUR',
            periodStart,
            periodEnd,
          }),
        ),
      );
      expect(new Set(invoices.map((invoice) => invoice.number)).size).toBe(10);
    });

    it('an explicit duplicate invoice number is a CONFLICT', async () => {
      const { repos } = get();
      const { subscription } = await platformSubscription(repos);
      const base = {
        subscriptionId: subscription.id,
        status: 'open' as const,
        amountMinor: 1,
        currency: 'EUR',
        periodStart,
        periodEnd,
      };
      const number = `MANUAL-${Date.now()}`;
      await repos.invoices.create({ ...base, number });
      const error = await repos.invoices.create({ ...base, number }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ kind: ErrorKinds.conflict });
    });
  });
}
