import { renewalJobId } from '@dropship/queues';
import type { BillingStack } from './test-support/billing-stack';
import { createBillingStack } from './test-support/billing-stack';
import { renewSubscription } from './renew-subscription';
import { runBillingSweep } from './billing-sweep';
import { startPlatformSubscription } from './start-platform-subscription';

const plan = (trialDays = 0) => ({
  planName: 'Woo monthly',
  price: { amountMinor: 2900, currency: 'EUR' },
  trialDays,
});
const iso = (date: Date) => date.toISOString();

describe('monthly renewals of a platform subscription', () => {
  let stack: BillingStack;

  beforeEach(async () => {
    stack = await createBillingStack({ start: new Date('2028-01-31T09:00:00Z') });
  });
  afterEach(() => stack.close());

  async function runRenewalAtPeriodEnd(subscriptionId: string) {
    const sub = await stack.repos.subscriptions.findById(subscriptionId);
    const periodEnd = sub?.currentPeriodEnd as Date;
    stack.clock.set(periodEnd);
    return renewSubscription(stack.deps, { subscriptionId, periodEnd });
  }

  it('renews monthly for a year across 31 Jan → 29 Feb 2028 (leap year) with one correct invoice per period', async () => {
    const store = await stack.createStore();
    const started = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    for (let month = 0; month < 12; month += 1) {
      expect((await runRenewalAtPeriodEnd(started.subscription.id)).outcome).toBe('renewed');
    }
    const invoices = await stack.repos.invoices.listBySubscription(started.subscription.id);
    expect(invoices.map((i) => [iso(i.periodStart).slice(0, 10), iso(i.periodEnd).slice(0, 10)])).toEqual([
      ['2028-01-31', '2028-02-29'],
      ['2028-02-29', '2028-03-31'],
      ['2028-03-31', '2028-04-30'],
      ['2028-04-30', '2028-05-31'],
      ['2028-05-31', '2028-06-30'],
      ['2028-06-30', '2028-07-31'],
      ['2028-07-31', '2028-08-31'],
      ['2028-08-31', '2028-09-30'],
      ['2028-09-30', '2028-10-31'],
      ['2028-10-31', '2028-11-30'],
      ['2028-11-30', '2028-12-31'],
      ['2028-12-31', '2029-01-31'],
      ['2029-01-31', '2029-02-28'],
    ]);
    expect(invoices.every((i) => i.amountMinor === 2900 && i.currency === 'EUR')).toBe(true);
    expect(invoices.every((i) => iso(i.periodStart).endsWith('T09:00:00.000Z'))).toBe(true);
    expect(invoices.every((i) => i.status === 'open' && i.accountId === store.accountId)).toBe(true);
    expect(new Set(invoices.map((i) => i.number)).size).toBe(13);
    const sub = await stack.repos.subscriptions.findById(started.subscription.id);
    expect(sub).toMatchObject({ status: 'active', anchorDay: 31 });
    expect(iso(sub?.currentPeriodEnd as Date)).toBe('2029-02-28T09:00:00.000Z');
  });

  it('clamps 31 January to 28 February in a common year and returns to the 31st', async () => {
    stack.clock.set(new Date('2027-01-31T00:00:00Z'));
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    await runRenewalAtPeriodEnd(subscription.id);
    await runRenewalAtPeriodEnd(subscription.id);
    const ends = (await stack.repos.invoices.listBySubscription(subscription.id)).map((i) =>
      iso(i.periodEnd),
    );
    expect(ends).toEqual([
      '2027-02-28T00:00:00.000Z',
      '2027-03-31T00:00:00.000Z',
      '2027-04-30T00:00:00.000Z',
    ]);
  });

  it('converts a trial into the first billed period at the trial end, without an invoice before', async () => {
    stack.clock.set(new Date('2028-02-15T12:00:00Z'));
    const store = await stack.createStore();
    const started = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan(14) });
    expect(started.subscription.status).toBe('trial');
    expect(started.invoice).toBeNull();
    expect(await stack.repos.invoices.listBySubscription(started.subscription.id)).toHaveLength(0);
    const result = await runRenewalAtPeriodEnd(started.subscription.id);
    expect(result.outcome).toBe('renewed');
    const [invoice] = await stack.repos.invoices.listBySubscription(started.subscription.id);
    expect([iso(invoice?.periodStart as Date), iso(invoice?.periodEnd as Date)]).toEqual([
      '2028-02-29T12:00:00.000Z',
      '2028-03-29T12:00:00.000Z',
    ]);
    expect((await stack.repos.subscriptions.findById(started.subscription.id))?.status).toBe('active');
  });

  it('is idempotent: the same renewal job run twice issues one invoice', async () => {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    const periodEnd = subscription.currentPeriodEnd as Date;
    stack.clock.set(periodEnd);
    const first = await renewSubscription(stack.deps, { subscriptionId: subscription.id, periodEnd });
    const again = await renewSubscription(stack.deps, { subscriptionId: subscription.id, periodEnd });
    expect(first.outcome).toBe('renewed');
    expect(again.outcome).toBe('already_renewed');
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toHaveLength(2);
  });

  it('does nothing before the period end', async () => {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    stack.clock.advance(24 * 3600_000);
    expect(await renewSubscription(stack.deps, { subscriptionId: subscription.id })).toEqual({
      outcome: 'skipped',
      reason: 'not_due',
    });
  });

  it('schedules the next renewal as a delayed job keyed by subscription and period end', async () => {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    const job = await stack.queues.billing.getJob(
      renewalJobId(subscription.id, subscription.currentPeriodEnd as Date),
    );
    expect(job?.data).toEqual({ subscriptionId: subscription.id, periodEnd: '2028-02-29T09:00:00.000Z' });
    expect(await job?.isDelayed()).toBe(true);
  });

  it('the sweep catches up every period missed while no renewal ran', async () => {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan() });
    stack.clock.set(new Date('2028-05-01T00:00:00Z'));
    const swept = await runBillingSweep(stack.deps);
    expect(swept.renewed).toBe(3);
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toHaveLength(4);
    expect((await runBillingSweep(stack.deps)).renewed).toBe(0);
  });

  it('opens one subscription per store: starting it again returns the running one', async () => {
    const store = await stack.createStore();
    const first = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan(14) });
    const second = await startPlatformSubscription(stack.deps, { storeId: store.id, plan: plan(14) });
    expect(second).toMatchObject({ created: false, subscription: { id: first.subscription.id } });
  });
});
