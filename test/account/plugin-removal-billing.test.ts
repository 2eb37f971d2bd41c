import { renewSubscription, runBillingSweep } from '@dropship/billing';
import { disconnectStore, ingestEvent } from '@dropship/lifecycle';
import { lifecycleJobId, parseJobPayload } from '@dropship/queues';
import { billingDepsOf } from '../../apps/server/src/account';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { createOwner, signIn } from './account-fixtures';
import type { Owner } from './account-fixtures';

describe('removing the WordPress plugin changes nothing in platform billing', () => {
  let stack: TestStack;
  let owner: Owner;

  beforeEach(async () => {
    stack = await createTestStack({ start: new Date('2028-01-31T10:00:00Z') });
    owner = await createOwner(stack, 'owner@example.test');
  });
  afterEach(() => stack.close());

  /** The one lifecycle path: record the plugin's event, then run the job it queued. */
  async function pluginEvent(source: 'wp_deactivated' | 'wp_deleted') {
    const ingested = await ingestEvent(stack.deps, {
      channel: 'wp_bridge',
      deliveryId: `${source}-${stack.clock.now().getTime()}`,
      storeId: owner.store.id,
      source,
      topic: source,
      triggeredAt: stack.clock.now(),
      payload: {},
      correlationId: null,
    });
    const job = await stack.queues.lifecycle.getJob(lifecycleJobId(ingested.event.id));
    await disconnectStore(stack.deps, parseJobPayload('store-disconnected', job?.data));
  }

  async function renewNextPeriod() {
    const sub = await stack.repos.subscriptions.findById(owner.subscription.id);
    stack.clock.set(sub?.currentPeriodEnd as Date);
    return renewSubscription(billingDepsOf(stack.deps), {
      subscriptionId: owner.subscription.id,
      periodEnd: sub?.currentPeriodEnd as Date,
    });
  }

  it('deactivation then deletion at any point of the year: every period is still invoiced', async () => {
    for (let month = 0; month < 11; month += 1) {
      if (month === 2) await pluginEvent('wp_deactivated');
      if (month === 7) await pluginEvent('wp_deleted');
      expect((await renewNextPeriod()).outcome).toBe('renewed');
    }
    const store = await stack.repos.stores.findById(owner.store.id);
    expect(store).toMatchObject({ state: 'disconnected', automationEnabled: false });
    const invoices = await stack.repos.invoices.listBySubscription(owner.subscription.id);
    expect(invoices).toHaveLength(13);
    expect(invoices.map((i) => i.periodStart.toISOString().slice(0, 10))).toEqual([
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
      '2028-04-30',
      '2028-05-31',
      '2028-06-30',
      '2028-07-31',
      '2028-08-31',
      '2028-09-30',
      '2028-10-31',
      '2028-11-30',
      '2028-12-31',
      '2029-01-31',
    ]);
    expect(await stack.repos.subscriptions.findById(owner.subscription.id)).toMatchObject({
      status: 'active',
      cancelledAt: null,
    });
  });

  it('the account area and the outbox say "still billed, next charge DATE, cancel here" after deactivation', async () => {
    await pluginEvent('wp_deactivated');
    const session = await signIn(stack, owner.accountId);
    const summary = await session.agent.get(`/api/stores/${owner.store.id}`).expect(200);
    expect(summary.body).toMatchObject({
      state: 'disconnected',
      disconnectSource: 'wp_deactivated',
      subscription: { status: 'active', stillBilled: true, nextChargeAt: '2028-03-31T10:00:00.000Z' },
    });
    await runBillingSweep(billingDepsOf(stack.deps));
    const [notice] = await stack.repos.outbox.list({ tag: 'still-billed', limit: 5 });
    expect(notice?.to).toBe('owner@example.test');
    expect(notice?.text).toContain('Still billed — next charge on 31 March 2028');
    expect(notice?.text).toContain(
      `Cancel here: ${stack.config.appUrl}/app/settings/stores?store=${owner.store.id}#cancel`,
    );
  });
});
