import request from 'supertest';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { billingSnapshot, createOwner, signIn } from './account-fixtures';
import type { Owner, SignedIn } from './account-fixtures';

const CONFIRM = { confirm: 'Yes, I am sure' };

describe('account deletion through the merchant API (seed 002)', () => {
  let stack: TestStack;
  let owner: Owner;
  let session: SignedIn;

  beforeEach(async () => {
    stack = await createTestStack({ start: new Date('2028-01-31T10:00:00Z') });
    owner = await createOwner(stack, 'marie.curie@example.test');
    session = await signIn(stack, owner.accountId, owner.store.id);
  });
  afterEach(() => stack.close());

  const post = (path: string, body: object) =>
    session.agent.post(path).set('X-CSRF-Token', session.csrfToken).send(body);

  async function cancelImmediately() {
    await post(`/api/subscriptions/${owner.subscription.id}/cancel`, {
      mode: 'immediate',
      reason: 'other',
      reasonText: 'Marie closes the shop',
      confirm: true,
    }).expect(200);
  }

  it('an account with invoices cannot be deleted: the answer offers suspend or anonymise, and nothing changes', async () => {
    const info = await session.agent.get('/api/account/deletion').expect(200);
    expect(info.body).toMatchObject({
      canDelete: false,
      invoiceCount: 2,
      alternatives: ['suspend', 'anonymise'],
    });
    const before = await billingSnapshot(stack);
    const refused = await post('/api/account/delete', CONFIRM).expect(409);
    expect(refused.body.error).toMatchObject({
      kind: 'CONFLICT',
      details: { alternatives: ['suspend', 'anonymise'] },
    });
    expect(refused.body.error.message).toMatch(/Suspend it, or anonymise it/);
    expect(await billingSnapshot(stack)).toEqual(before);
  });

  it('refuses account actions without a session, without the CSRF token or without the confirmation', async () => {
    const before = await billingSnapshot(stack);
    expect((await request(stack.app).post('/api/account/anonymise').send(CONFIRM)).status).toBe(401);
    expect((await session.agent.post('/api/account/anonymise').send(CONFIRM)).status).toBe(403);
    const unconfirmed = await post('/api/account/anonymise', { confirm: 'yes' }).expect(400);
    expect(unconfirmed.body.error.message).toContain('Yes, I am sure');
    expect(await billingSnapshot(stack)).toEqual(before);
  });

  it('refuses to anonymise while the subscription still charges, naming what to cancel', async () => {
    const refused = await post('/api/account/anonymise', CONFIRM).expect(409);
    expect(refused.body.error.details).toEqual({
      mustCancelFirst: [{ subscriptionId: owner.subscription.id, storeId: owner.store.id }],
    });
  });

  it('anonymising leaves the invoices intact and no personal data, then signs the owner out', async () => {
    await cancelImmediately();
    const invoices = await stack.db.knex('invoices').orderBy('id').select();
    const done = await post('/api/account/anonymise', CONFIRM).expect(200);
    expect(done.body).toMatchObject({
      outcome: 'anonymised',
      message: expect.stringContaining('Invoices are kept'),
    });
    expect(await stack.db.knex('invoices').orderBy('id').select()).toEqual(invoices);
    expect(invoices.every((invoice) => invoice.account_id === owner.accountId)).toBe(true);
    const tables = [
      'accounts',
      'stores',
      'subscriptions',
      'audit_log',
      'outbox_messages',
      'owner_sessions',
      'account_credentials',
      'login_tokens',
      'billing_requests',
    ];
    const dump = JSON.stringify(await Promise.all(tables.map((t) => stack.db.knex(t).select())));
    expect(dump).not.toMatch(/marie|curie|closes the shop|::ffff|127\.0\.0\.1/i);
    expect((await session.agent.get('/api/me')).status).toBe(401);
    const events = await stack.repos.lifecycleEvents.list({ storeId: owner.store.id, limit: 5 });
    expect(events.map((e) => e.source)).toContain('account_deletion');
  });

  it('suspending keeps everything and signs the owner out', async () => {
    await cancelImmediately();
    const done = await post('/api/account/suspend', CONFIRM).expect(200);
    expect(done.body.outcome).toBe('suspended');
    expect(await stack.repos.accounts.findById(owner.accountId)).toMatchObject({ status: 'suspended' });
    expect((await session.agent.get('/api/me')).status).toBe(401);
  });

  it('an account without invoices is deleted for good', async () => {
    const fresh = await stack.repos.accounts.create({ email: 'new@example.test' });
    const newcomer = await signIn(stack, fresh.id);
    const info = await newcomer.agent.get('/api/account/deletion').expect(200);
    expect(info.body).toMatchObject({ canDelete: true, invoiceCount: 0, alternatives: [] });
    const done = await newcomer.agent
      .post('/api/account/delete')
      .set('X-CSRF-Token', newcomer.csrfToken)
      .send(CONFIRM)
      .expect(200);
    expect(done.body.outcome).toBe('deleted');
    expect(await stack.repos.accounts.findById(fresh.id)).toBeNull();
  });
});
