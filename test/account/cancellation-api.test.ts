import request from 'supertest';
import { signBridgeRequest } from '@dropship/woocommerce';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { createSessionToken } from '../support/shopify-stand-in/session-token';
import { billingSnapshot, createOwner, signIn } from './account-fixtures';
import type { Owner, SignedIn } from './account-fixtures';

const cancelBody = { mode: 'immediate', reason: 'too_expensive', confirm: true };

describe.each(['sqlite', 'postgres'] as const)('cancellation through the merchant API (%s)', (dialect) => {
  let stack: TestStack;
  let owner: Owner;
  let session: SignedIn;

  beforeEach(async () => {
    stack = await createTestStack({ dialect, start: new Date('2028-01-31T10:00:00Z') });
    owner = await createOwner(stack, 'owner@example.test');
    session = await signIn(stack, owner.accountId, owner.store.id);
  });
  afterEach(() => stack.close());

  const cancelPath = () => `/api/subscriptions/${owner.subscription.id}/cancel`;

  async function expectRefused(send: () => Promise<request.Response>, status: number, kind: string) {
    const before = await billingSnapshot(stack);
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ kind });
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(await billingSnapshot(stack)).toEqual(before);
    return response;
  }

  it('is refused without a session', async () => {
    await expectRefused(() => request(stack.app).post(cancelPath()).send(cancelBody), 401, 'UNAUTHORIZED');
  });

  it("is refused with another owner's session, as if the subscription did not exist", async () => {
    const other = await createOwner(stack, 'other@example.test');
    const intruder = await signIn(stack, other.accountId);
    const response = await expectRefused(
      () => intruder.agent.post(cancelPath()).set('X-CSRF-Token', intruder.csrfToken).send(cancelBody),
      404,
      'NOT_FOUND',
    );
    expect(response.body.error.message).toContain('No subscription');
  });

  it('is refused with a valid plugin signature instead of a session', async () => {
    const body = JSON.stringify(cancelBody);
    const { headers } = signBridgeRequest({
      method: 'POST',
      path: cancelPath(),
      siteId: owner.store.id,
      secret: `secret-${owner.store.id}`,
      rawBody: body,
      now: stack.clock.now(),
    });
    await expectRefused(
      () =>
        request(stack.app).post(cancelPath()).set(headers).set('Content-Type', 'application/json').send(body),
      401,
      'UNAUTHORIZED',
    );
  });

  it('is refused with a plugin signature even alongside the owner session', async () => {
    await expectRefused(
      () =>
        session.agent
          .post(cancelPath())
          .set('X-CSRF-Token', session.csrfToken)
          .set('X-Dropship-Site', owner.store.id)
          .set('X-Dropship-Signature', 'v1=forged')
          .send(cancelBody),
      401,
      'UNAUTHORIZED',
    );
  });

  it('is refused without the CSRF token, or with a wrong one', async () => {
    await expectRefused(() => session.agent.post(cancelPath()).send(cancelBody), 403, 'FORBIDDEN');
    await expectRefused(
      () => session.agent.post(cancelPath()).set('X-CSRF-Token', 'wrong').send(cancelBody),
      403,
      'FORBIDDEN',
    );
  });

  it.each([
    ['without a reason', { mode: 'immediate', confirm: true }],
    ['with "other" and no text', { mode: 'immediate', reason: 'other', confirm: true }],
    ['without the confirmation', { mode: 'immediate', reason: 'unused' }],
    ['without a mode', { reason: 'unused', confirm: true }],
  ])('is refused %s', async (_label, body) => {
    await expectRefused(
      () => session.agent.post(cancelPath()).set('X-CSRF-Token', session.csrfToken).send(body),
      400,
      'INVALID_INPUT',
    );
  });

  it('is refused from the embedded app: cancellations are placed from the account area', async () => {
    const shop = await stack.repos.stores.create({
      accountId: owner.accountId,
      platform: 'shopify',
      domain: 'owner-shop.myshopify.com',
    });
    const token = createSessionToken({
      apiKey: stack.config.shopify.apiKey,
      apiSecret: stack.config.shopify.apiSecret,
      shop: shop.domain,
    });
    await expectRefused(
      () => request(stack.app).post(cancelPath()).set('Authorization', `Bearer ${token}`).send(cancelBody),
      403,
      'FORBIDDEN',
    );
  });

  it('an immediate cancellation voids the open invoice, says so, and is audited with who and where', async () => {
    const response = await session.agent
      .post(cancelPath())
      .set('X-CSRF-Token', session.csrfToken)
      .set('User-Agent', 'owner-browser')
      .send(cancelBody)
      .expect(200);
    expect(response.body.subscription).toMatchObject({
      status: 'cancelled',
      stillBilled: false,
      cancelReason: 'too_expensive',
    });
    expect(response.body.result).toMatchObject({
      outcome: 'cancelled',
      invoice: { status: 'void', voided: true },
      billingTeamRequest: null,
    });
    expect(response.body.result.message).toMatch(/^Cancelled — no further charges\./);
    const invoices = await stack.repos.invoices.listBySubscription(owner.subscription.id);
    expect(invoices.map((i) => i.status)).toEqual(['open', 'void']);
    const [entry] = await stack.repos.audit.listByEntity('subscription', owner.subscription.id, 1);
    expect(entry).toMatchObject({
      actorType: 'merchant',
      actorId: owner.accountId,
      action: 'subscription.cancelled',
      details: { reason: 'too_expensive', origin: { channel: 'account_area', userAgent: 'owner-browser' } },
    });
  });

  it('an end-of-period cancellation says when it ends, and can be undone before then', async () => {
    const response = await session.agent
      .post(cancelPath())
      .set('X-CSRF-Token', session.csrfToken)
      .send({ ...cancelBody, mode: 'period_end' })
      .expect(200);
    expect(response.body.result).toMatchObject({ outcome: 'scheduled', endsAt: '2028-03-31T10:00:00.000Z' });
    expect(response.body.result.message).toMatch(/^Will end on 31 March 2028\./);
    const undone = await session.agent
      .post(`/api/subscriptions/${owner.subscription.id}/undo-cancel`)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(200);
    expect(undone.body.subscription).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      stillBilled: true,
    });
  });

  it('a refund is asked for separately after cancelling and recorded for the billing team', async () => {
    const refund = () =>
      session.agent
        .post(`/api/subscriptions/${owner.subscription.id}/refund-request`)
        .set('X-CSRF-Token', session.csrfToken)
        .send({ message: 'Please refund February' });
    expect((await refund()).status).toBe(409);
    await session.agent
      .post(cancelPath())
      .set('X-CSRF-Token', session.csrfToken)
      .send(cancelBody)
      .expect(200);
    const created = await refund().then((r) => r.body);
    expect(created.request).toMatchObject({ status: 'open' });
    const [stored] = await stack.repos.billingRequests.listBySubscription(owner.subscription.id);
    expect(stored).toMatchObject({
      kind: 'refund',
      message: 'Please refund February',
      accountId: owner.accountId,
    });
  });
});
