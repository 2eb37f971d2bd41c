import { StoreTransitions, applyStoreTransition } from '@dropship/core';
import type { Invoice, Store } from '@dropship/core';
import type { BillingStack } from './test-support/billing-stack';
import { createBillingStack } from './test-support/billing-stack';
import { renewSubscription } from './renew-subscription';
import { runBillingSweep } from './billing-sweep';
import { startPlatformSubscription } from './start-platform-subscription';
import { stillBilledStores } from './still-billed';

const plan = { planName: 'Woo monthly', price: { amountMinor: 2900, currency: 'EUR' }, trialDays: 0 };
const DAY = 24 * 3600_000;

describe('stores disconnected while still billed', () => {
  let stack: BillingStack;

  beforeEach(async () => {
    stack = await createBillingStack({ start: new Date('2028-01-31T09:00:00Z') });
  });
  afterEach(() => stack.close());

  async function disconnect(store: Store, source: 'wp_deactivated' | 'wp_deleted' | 'heartbeat_lost') {
    const at = stack.clock.now();
    const next = applyStoreTransition(store, StoreTransitions.beginDisconnect, { at, source });
    await stack.repos.stores.update(store.id, {
      state: 'disconnected',
      automationEnabled: next.automationEnabled,
      disconnectedAt: next.disconnectedAt,
      disconnectSource: next.disconnectSource,
    });
  }

  it.each([
    ['wp_deactivated', 0],
    ['wp_deleted', 3],
    ['heartbeat_lost', 11],
  ] as const)('a %s disconnect after %i months changes nothing in billing', async (source, afterMonths) => {
    const control = await stack.createStore();
    const leaving = await stack.createStore();
    const a = await startPlatformSubscription(stack.deps, { storeId: control.id, plan });
    const b = await startPlatformSubscription(stack.deps, { storeId: leaving.id, plan });
    for (let month = 0; month < 12; month += 1) {
      if (month === afterMonths)
        await disconnect((await stack.repos.stores.findById(leaving.id)) as Store, source);
      for (const id of [a.subscription.id, b.subscription.id]) {
        const sub = await stack.repos.subscriptions.findById(id);
        stack.clock.set(sub?.currentPeriodEnd as Date);
        await renewSubscription(stack.deps, { subscriptionId: id });
      }
    }
    const shape = (invoices: Invoice[]) =>
      invoices.map((i) => [
        i.periodStart.toISOString(),
        i.periodEnd.toISOString(),
        i.amountMinor,
        i.currency,
        i.status,
      ]);
    const left = await stack.repos.invoices.listBySubscription(b.subscription.id);
    expect(left).toHaveLength(13);
    expect(shape(left)).toEqual(shape(await stack.repos.invoices.listBySubscription(a.subscription.id)));
    expect((await stack.repos.subscriptions.findById(b.subscription.id))?.status).toBe('active');
  });

  it('lists the disconnected store as still billed with its next charge and where to cancel', async () => {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan });
    expect(await stillBilledStores(stack.deps, store.accountId as string)).toEqual([]);
    await disconnect(store, 'wp_deleted');
    const [notice] = await stillBilledStores(stack.deps, store.accountId as string);
    expect(notice).toMatchObject({
      store: { id: store.id },
      subscription: { id: subscription.id },
      nextChargeAt: new Date('2028-02-29T09:00:00Z'),
      cancelUrl: `https://app.example.test/account/stores?store=${store.id}#cancel`,
    });
  });

  it('tells the owner once at disconnect and once a few days before each charge', async () => {
    const store = await stack.createStore();
    await startPlatformSubscription(stack.deps, { storeId: store.id, plan });
    await disconnect(store, 'wp_deactivated');
    await runBillingSweep(stack.deps);
    await runBillingSweep(stack.deps);
    const notices = await stack.repos.outbox.list({ tag: 'disconnect', limit: 10 });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('Still billed — next charge on 29 February 2028');
    expect(notices[0]?.text).toContain(
      `Cancel here: https://app.example.test/account/stores?store=${store.id}#cancel`,
    );
    expect(await stack.repos.outbox.list({ tag: 'pre-charge', limit: 10 })).toHaveLength(0);
    stack.clock.set(new Date(new Date('2028-02-29T09:00:00Z').getTime() - 2 * DAY));
    await runBillingSweep(stack.deps);
    await runBillingSweep(stack.deps);
    const reminders = await stack.repos.outbox.list({ tag: 'pre-charge', limit: 10 });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe(`Next charge on 29 February 2028 for ${store.domain}`);
  });
});
