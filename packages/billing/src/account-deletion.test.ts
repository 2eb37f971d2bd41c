import type { BillingStack } from './test-support/billing-stack';
import { createBillingStack } from './test-support/billing-stack';
import {
  ACCOUNT_CONFIRMATION,
  anonymiseAccount,
  deleteAccount,
  describeAccountDeletion,
  suspendAccount,
} from './account-deletion';
import type { AccountDeletionDeps } from './account-deletion';
import { cancelSubscription } from './cancel-subscription';
import { startPlatformSubscription } from './start-platform-subscription';

const plan = { planName: 'Woo monthly', price: { amountMinor: 2900, currency: 'EUR' }, trialDays: 0 };

describe('account deletion, suspension and anonymisation (seed 002)', () => {
  let stack: BillingStack;
  let redacted: Array<{ accountId: string; storeIds: string[] }>;
  let deps: AccountDeletionDeps;

  beforeEach(async () => {
    stack = await createBillingStack({ start: new Date('2028-03-01T10:00:00Z') });
    redacted = [];
    deps = {
      repos: stack.repos,
      clock: stack.clock,
      redactStores: async (params) => void redacted.push(params),
    };
  });
  afterEach(() => stack.close());

  async function billedAndCancelled() {
    const store = await stack.createStore({ email: 'jeanne@example.test' });
    const accountId = store.accountId as string;
    await stack.repos.stores.setCredentials(store.id, { contactEmail: 'jeanne@example.test' });
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan });
    await cancelSubscription(stack.deps, {
      subscriptionId: subscription.id,
      accountId,
      actor: { type: 'merchant', id: accountId },
      origin: { channel: 'account_area', ip: '198.51.100.4', userAgent: 'Firefox' },
      mode: 'immediate',
      reason: 'other',
      reasonText: 'I am Jeanne, closing my shop',
    });
    return { store, accountId, subscription };
  }

  const owner = (accountId: string) => ({
    accountId,
    actor: { type: 'merchant' as const, id: accountId },
    confirm: ACCOUNT_CONFIRMATION,
  });

  it('refuses to delete an account with invoices and offers suspend or anonymise', async () => {
    const { accountId } = await billedAndCancelled();
    expect(await describeAccountDeletion(deps, accountId)).toMatchObject({
      canDelete: false,
      invoiceCount: 1,
      alternatives: ['suspend', 'anonymise'],
    });
    await expect(deleteAccount(deps, owner(accountId))).rejects.toMatchObject({
      kind: 'CONFLICT',
      details: { alternatives: ['suspend', 'anonymise'] },
    });
    expect(await stack.repos.accounts.findById(accountId)).toMatchObject({ email: 'jeanne@example.test' });
  });

  it('anonymising keeps every invoice and leaves no personal data', async () => {
    const { store, accountId, subscription } = await billedAndCancelled();
    await stack.repos.accountCredentials.setPasswordHash(accountId, 'scrypt$x', stack.clock.now());
    const invoicesBefore = await stack.repos.invoices.listBySubscription(subscription.id);
    expect(await anonymiseAccount(deps, owner(accountId))).toEqual({ outcome: 'anonymised' });
    expect(await stack.repos.accounts.findById(accountId)).toMatchObject({
      status: 'anonymised',
      email: null,
      name: null,
    });
    expect(await stack.repos.invoices.listBySubscription(subscription.id)).toEqual(invoicesBefore);
    expect(await stack.repos.accountCredentials.getPasswordHash(accountId)).toBeNull();
    expect((await stack.repos.stores.getCredentials(store.id))?.contactEmail).toBeNull();
    expect((await stack.repos.subscriptions.findById(subscription.id))?.cancelReasonText).toBeNull();
    const everything = JSON.stringify([
      await stack.db.knex('accounts').select(),
      await stack.db.knex('audit_log').select(),
      await stack.db.knex('outbox_messages').select(),
      await stack.db.knex('subscriptions').select(),
      await stack.db.knex('stores').select(),
    ]);
    expect(everything).not.toMatch(/jeanne|198\.51\.100\.4|Firefox/i);
    expect(redacted).toEqual([
      { accountId, storeIds: [store.id], reference: `account-anonymised.${accountId}` },
    ]);
  });

  it('deletes an account without invoices for good after the confirmation', async () => {
    const store = await stack.createStore();
    const accountId = store.accountId as string;
    await expect(deleteAccount(deps, { ...owner(accountId), confirm: 'yes' })).rejects.toMatchObject({
      kind: 'INVALID_INPUT',
    });
    expect(await describeAccountDeletion(deps, accountId)).toMatchObject({
      canDelete: true,
      invoiceCount: 0,
    });
    expect(await deleteAccount(deps, owner(accountId))).toEqual({ outcome: 'deleted' });
    expect(await stack.repos.accounts.findById(accountId)).toBeNull();
    expect(redacted).toHaveLength(1);
  });

  it('refuses while a subscription still charges, naming it', async () => {
    const store = await stack.createStore();
    const accountId = store.accountId as string;
    const { subscription } = await startPlatformSubscription(stack.deps, { storeId: store.id, plan });
    await expect(suspendAccount(deps, owner(accountId))).rejects.toMatchObject({
      kind: 'CONFLICT',
      details: { mustCancelFirst: [{ subscriptionId: subscription.id, storeId: store.id }] },
    });
    expect((await stack.repos.accounts.findById(accountId))?.status).toBe('active');
  });

  it('suspending keeps the records and ends the sessions', async () => {
    const { accountId } = await billedAndCancelled();
    expect(await suspendAccount(deps, owner(accountId))).toEqual({ outcome: 'suspended' });
    expect(await stack.repos.accounts.findById(accountId)).toMatchObject({
      status: 'suspended',
      email: 'jeanne@example.test',
    });
  });
});
