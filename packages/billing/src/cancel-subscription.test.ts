import { renewalJobId } from '@dropship/queues';
import type { BillingStack } from './test-support/billing-stack';
import { createBillingStack } from './test-support/billing-stack';
import { cancelSubscription } from './cancel-subscription';
import type { CancelSubscriptionParams } from './cancel-subscription';
import { renewSubscription } from './renew-subscription';
import { runBillingSweep } from './billing-sweep';
import { requestRefund } from './request-refund';
import { startPlatformSubscription } from './start-platform-subscription';
import { undoCancellation } from './undo-cancellation';

const plan = { planName: 'Woo monthly', price: { amountMinor: 2900, currency: 'EUR' }, trialDays: 0 };
const origin = { channel: 'account_area' as const, ip: '203.0.113.9', userAgent: 'jest' };
const DAY = 24 * 3600_000;

describe('owner cancellation of a platform subscription', () => {
  let stack: BillingStack;

  beforeEach(async () => {
    stack = await createBillingStack({ start: new Date('2028-01-10T08:00:00Z') });
  });
  afterEach(() => stack.close());

  async function renewedSubscription() {
    const store = await stack.createStore();
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan });
    stack.clock.set(subscription.currentPeriodEnd as Date);
    await renewSubscription(stack.deps, { subscriptionId: subscription.id });
    stack.clock.advance(5 * DAY);
    return { store, subscription, accountId: store.accountId as string };
  }

  function cancel(params: Partial<CancelSubscriptionParams> & { subscriptionId: string; accountId: string }) {
    return cancelSubscription(stack.deps, {
      actor: { type: 'merchant', id: params.accountId },
      origin,
      mode: 'immediate',
      reason: 'too_expensive',
      ...params,
    });
  }

  it('immediate cancellation voids the open renewal invoice and stops renewals', async () => {
    const { subscription, accountId } = await renewedSubscription();
    const { result, subscription: after } = await cancel({ subscriptionId: subscription.id, accountId });
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelReason: 'too_expensive',
      cancelledBy: accountId,
    });
    expect(result).toMatchObject({ outcome: 'cancelled', invoice: { status: 'void', voided: true } });
    expect(result.message).toMatch(/^Cancelled — no further charges\./);
    const invoices = await stack.repos.invoices.listBySubscription(subscription.id);
    expect(invoices.map((i) => i.status)).toEqual(['open', 'void']);
    expect(
      await stack.queues.billing.getJob(renewalJobId(subscription.id, after.currentPeriodEnd as Date)),
    ).toBeUndefined();
    stack.clock.set(new Date('2028-06-01T00:00:00Z'));
    expect(await renewSubscription(stack.deps, { subscriptionId: subscription.id })).toMatchObject({
      outcome: 'skipped',
    });
    expect((await runBillingSweep(stack.deps)).renewed).toBe(0);
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toHaveLength(2);
  });

  it('records who, when, why and from where in the audit log', async () => {
    const { subscription, accountId } = await renewedSubscription();
    await cancel({
      subscriptionId: subscription.id,
      accountId,
      reason: 'other',
      reasonText: 'Closing the shop',
    });
    const [entry] = await stack.repos.audit.listByEntity('subscription', subscription.id, 1);
    expect(entry).toMatchObject({
      action: 'subscription.cancelled',
      actorType: 'merchant',
      actorId: accountId,
      at: stack.clock.now(),
      details: { mode: 'immediate', reason: 'other', reasonText: 'Closing the shop', origin },
    });
  });

  it('an invoice already paid is not voided: the result says so and the billing team gets a request with its number', async () => {
    const { subscription, accountId } = await renewedSubscription();
    const [, current] = await stack.repos.invoices.listBySubscription(subscription.id);
    await stack.repos.invoices.updateIf(current?.id as string, 'open', {
      status: 'paid',
      paidAt: stack.clock.now(),
    });
    const { result } = await cancel({ subscriptionId: subscription.id, accountId });
    expect(result.invoice).toEqual({ number: current?.number, status: 'paid', voided: false });
    expect(result.billingTeamRequest).toMatchObject({
      kind: 'invoice_adjustment',
      invoiceNumber: current?.number,
    });
    expect(result.message).toContain(`Invoice ${current?.number} was already paid`);
    const requests = await stack.repos.billingRequests.listBySubscription(subscription.id);
    expect(requests).toEqual([
      expect.objectContaining({ kind: 'invoice_adjustment', invoiceNumber: current?.number, status: 'open' }),
    ]);
  });

  it('end-of-period cancellation issues no further invoice and ends the subscription at the period end', async () => {
    const { subscription, accountId } = await renewedSubscription();
    const current = await stack.repos.subscriptions.findById(subscription.id);
    const { result, subscription: pending } = await cancel({
      subscriptionId: subscription.id,
      accountId,
      mode: 'period_end',
    });
    expect(pending).toMatchObject({ status: 'pending_cancellation', cancelAtPeriodEnd: true });
    expect(result).toMatchObject({ outcome: 'scheduled', invoice: null, endsAt: current?.currentPeriodEnd });
    expect(result.message).toMatch(/^Will end on 10 March 2028\./);
    expect((await stack.repos.invoices.listBySubscription(subscription.id)).map((i) => i.status)).toEqual([
      'open',
      'open',
    ]);
    stack.clock.set(current?.currentPeriodEnd as Date);
    expect((await renewSubscription(stack.deps, { subscriptionId: subscription.id })).outcome).toBe(
      'ended_at_period_end',
    );
    stack.clock.advance(90 * DAY);
    await runBillingSweep(stack.deps);
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toHaveLength(2);
    expect((await stack.repos.subscriptions.findById(subscription.id))?.status).toBe('cancelled');
  });

  it('end-of-period cancellation can be undone before the date, and billing goes on', async () => {
    const { subscription, accountId } = await renewedSubscription();
    await cancel({ subscriptionId: subscription.id, accountId, mode: 'period_end' });
    const resumed = await undoCancellation(stack.deps, {
      subscriptionId: subscription.id,
      accountId,
      actor: { type: 'merchant', id: accountId },
      origin,
    });
    expect(resumed).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      cancelReason: null,
      billingEndsAt: null,
    });
    stack.clock.set(resumed.currentPeriodEnd as Date);
    expect((await renewSubscription(stack.deps, { subscriptionId: subscription.id })).outcome).toBe(
      'renewed',
    );
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toHaveLength(3);
  });

  it('cannot be undone once the period has ended', async () => {
    const { subscription, accountId } = await renewedSubscription();
    const { subscription: pending } = await cancel({
      subscriptionId: subscription.id,
      accountId,
      mode: 'period_end',
    });
    stack.clock.set(pending.currentPeriodEnd as Date);
    await expect(
      undoCancellation(stack.deps, {
        subscriptionId: subscription.id,
        accountId,
        actor: { type: 'merchant', id: accountId },
        origin,
      }),
    ).rejects.toMatchObject({ kind: 'ILLEGAL_TRANSITION' });
  });

  it.each([
    ['no reason', { reason: undefined }, 'INVALID_INPUT'],
    ['an unknown reason', { reason: 'bored' }, 'INVALID_INPUT'],
    ['"other" without text', { reason: 'other', reasonText: '  ' }, 'INVALID_INPUT'],
    ['no mode', { mode: undefined }, 'INVALID_INPUT'],
  ])('is refused with %s, and nothing changes', async (_label, overrides, kind) => {
    const { subscription, accountId } = await renewedSubscription();
    const before = await stack.repos.subscriptions.findById(subscription.id);
    await expect(cancel({ subscriptionId: subscription.id, accountId, ...overrides })).rejects.toMatchObject({
      kind,
    });
    expect(await stack.repos.subscriptions.findById(subscription.id)).toEqual(before);
    expect((await stack.repos.invoices.listBySubscription(subscription.id)).map((i) => i.status)).toEqual([
      'open',
      'open',
    ]);
  });

  it("another account's subscription reads as not found, and nothing changes", async () => {
    const { subscription } = await renewedSubscription();
    const other = await stack.createStore({ email: 'other@example.test' });
    const before = await stack.repos.subscriptions.findById(subscription.id);
    await expect(
      cancel({ subscriptionId: subscription.id, accountId: other.accountId as string }),
    ).rejects.toMatchObject({
      kind: 'NOT_FOUND',
    });
    expect(await stack.repos.subscriptions.findById(subscription.id)).toEqual(before);
  });

  it('a refund is a separate request after cancelling, recorded for the billing team, never automatic', async () => {
    const { subscription, accountId } = await renewedSubscription();
    const refund = (message: string) =>
      requestRefund(stack.deps, {
        subscriptionId: subscription.id,
        accountId,
        actor: { type: 'merchant', id: accountId },
        origin,
        message,
      });
    await expect(refund('please')).rejects.toMatchObject({ kind: 'CONFLICT' });
    await cancel({ subscriptionId: subscription.id, accountId });
    const invoicesBefore = await stack.repos.invoices.listBySubscription(subscription.id);
    const first = await refund('Charged twice in January');
    expect(first).toMatchObject({
      created: true,
      request: { kind: 'refund', status: 'open', message: 'Charged twice in January' },
    });
    expect((await refund('again')).request.id).toBe(first.request.id);
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toEqual(invoicesBefore);
  });

  it('tells the owner by message what the cancellation did', async () => {
    const { subscription, accountId } = await renewedSubscription();
    await cancel({ subscriptionId: subscription.id, accountId, mode: 'period_end' });
    const [message] = await stack.repos.outbox.list({ tag: 'cancellation-confirmed', limit: 5 });
    expect(message).toMatchObject({
      to: 'owner@example.test',
      subject: 'Your subscription will end on 10 March 2028',
    });
  });
});
