import {
  AccountTransitions,
  ErrorKinds,
  applyAccountTransition,
  decideAccountDeletion,
} from '@dropship/core';
import type { Account, AccountTransition, Clock, Repositories } from '@dropship/core';
import type { BillingActor } from './billing-deps';
import { BillingError } from './errors';
import { willChargeAgain } from './subscription-status';

/** The words an owner (or team member) types to confirm an irreversible account action. */
export const ACCOUNT_CONFIRMATION = 'Yes, I am sure';

export interface AccountDeletionDeps {
  repos: Repositories;
  clock: Clock;
  /** Starts the redaction of the account's stores (lifecycle `account_deletion` events). */
  redactStores(params: { accountId: string; storeIds: string[]; reference: string }): Promise<void>;
}

export interface AccountDeletionInfo {
  canDelete: boolean;
  invoiceCount: number;
  alternatives: Array<'suspend' | 'anonymise'>;
  /** Platform subscriptions that still charge: cancel them before deleting, suspending or anonymising. */
  mustCancelFirst: Array<{ subscriptionId: string; storeId: string }>;
  message: string;
}

export interface AccountActionParams {
  accountId: string;
  actor: BillingActor;
  /** Must equal ACCOUNT_CONFIRMATION. */
  confirm: unknown;
}

async function chargingSubscriptions(repos: Repositories, accountId: string) {
  const stores = await repos.stores.listByAccount(accountId);
  const lists = await Promise.all(stores.map((store) => repos.subscriptions.listByStore(store.id)));
  return { stores, charging: lists.flat().filter(willChargeAgain) };
}

async function loadAccount(repos: Repositories, accountId: string): Promise<Account> {
  const account = await repos.accounts.findById(accountId);
  if (!account) throw new BillingError(ErrorKinds.notFound, `No account ${accountId}.`, { accountId });
  return account;
}

/** Whether the account can be deleted (seed 002: only without invoices) and what is offered instead. */
export async function describeAccountDeletion(
  deps: Pick<AccountDeletionDeps, 'repos'>,
  accountId: string,
): Promise<AccountDeletionInfo> {
  const account = await loadAccount(deps.repos, accountId);
  const invoiceCount = await deps.repos.invoices.countByAccount(account.id);
  const decision = decideAccountDeletion({ account, invoiceCount });
  const { charging } = await chargingSubscriptions(deps.repos as Repositories, account.id);
  const mustCancelFirst = charging.map((s) => ({ subscriptionId: s.id, storeId: s.storeId }));
  const blocked =
    mustCancelFirst.length > 0 ? ' Cancel the subscriptions that still charge first (Store management).' : '';
  return {
    canDelete: decision.allowed && mustCancelFirst.length === 0,
    invoiceCount,
    alternatives: decision.allowed ? [] : [...decision.alternatives],
    mustCancelFirst,
    message:
      (decision.allowed ? 'This account has no invoice: it can be deleted for good.' : decision.message) +
      blocked,
  };
}

function checkConfirmation(confirm: unknown): void {
  if (confirm !== ACCOUNT_CONFIRMATION) {
    throw new BillingError(
      ErrorKinds.invalidInput,
      `Confirm this action by sending confirm: "${ACCOUNT_CONFIRMATION}".`,
      { field: 'confirm', expected: ACCOUNT_CONFIRMATION },
    );
  }
}

async function refuseWhileCharging(repos: Repositories, accountId: string, action: string) {
  const { stores, charging } = await chargingSubscriptions(repos, accountId);
  if (charging.length > 0) {
    throw new BillingError(
      ErrorKinds.conflict,
      `The account still has ${charging.length} subscription(s) that charge monthly: cancel them in Store management before you ${action} the account.`,
      { mustCancelFirst: charging.map((s) => ({ subscriptionId: s.id, storeId: s.storeId })) },
    );
  }
  return stores.map((store) => store.id);
}

/**
 * Deletes the account for good, only when no invoice is attached (invoices are
 * legal records): otherwise CONFLICT with the alternatives, suspend or anonymise.
 */
export async function deleteAccount(
  deps: AccountDeletionDeps,
  params: AccountActionParams,
): Promise<{ outcome: 'deleted' }> {
  checkConfirmation(params.confirm);
  const account = await loadAccount(deps.repos, params.accountId);
  const decision = decideAccountDeletion({
    account,
    invoiceCount: await deps.repos.invoices.countByAccount(account.id),
  });
  if (!decision.allowed) {
    throw new BillingError(ErrorKinds.conflict, decision.message, {
      reason: decision.reason,
      alternatives: [...decision.alternatives],
    });
  }
  const storeIds = await refuseWhileCharging(deps.repos, account.id, 'delete');
  const at = deps.clock.now();
  await deps.repos.transaction(async (repos) => {
    await repos.accountErasure.eraseOwnerData({ accountId: account.id, email: account.email, storeIds });
    await repos.accounts.delete(account.id);
    await repos.audit.append({
      at,
      actorType: params.actor.type,
      actorId: params.actor.id,
      action: 'account.deleted',
      entityType: 'account',
      entityId: account.id,
      details: { stores: storeIds.length },
    });
  });
  await deps.redactStores({ accountId: account.id, storeIds, reference: `account-deleted.${account.id}` });
  return { outcome: 'deleted' };
}

async function transition(
  deps: AccountDeletionDeps,
  params: AccountActionParams,
  move: AccountTransition,
): Promise<{ account: Account; storeIds: string[] }> {
  checkConfirmation(params.confirm);
  const account = await loadAccount(deps.repos, params.accountId);
  const storeIds = await refuseWhileCharging(deps.repos, account.id, move);
  const at = deps.clock.now();
  const next = applyAccountTransition(account, move, { at });
  await deps.repos.transaction(async (repos) => {
    if (move === AccountTransitions.anonymise) {
      await repos.accountErasure.eraseOwnerData({ accountId: account.id, email: account.email, storeIds });
    } else {
      await repos.ownerSessions.deleteByAccount(account.id);
    }
    await repos.accounts.update(account.id, { status: next.status, email: next.email, name: next.name });
    await repos.audit.append({
      at,
      actorType: params.actor.type,
      actorId: params.actor.id,
      action: move === AccountTransitions.anonymise ? 'account.anonymised' : 'account.suspended',
      entityType: 'account',
      entityId: account.id,
      details: { stores: storeIds.length },
    });
  });
  return { account: next, storeIds };
}

/** Suspends the account: its owner can no longer sign in; its records are kept as they are. */
export async function suspendAccount(
  deps: AccountDeletionDeps,
  params: AccountActionParams,
): Promise<{ outcome: 'suspended' }> {
  await transition(deps, params, AccountTransitions.suspend);
  return { outcome: 'suspended' };
}

/**
 * Erases the account's personal data (e-mail, name, sign-in data, sessions,
 * mail sent, request origins, store contacts) and keeps its invoices, which
 * still point at the now anonymous account id as the law requires.
 */
export async function anonymiseAccount(
  deps: AccountDeletionDeps,
  params: AccountActionParams,
): Promise<{ outcome: 'anonymised' }> {
  const { account, storeIds } = await transition(deps, params, AccountTransitions.anonymise);
  await deps.redactStores({ accountId: account.id, storeIds, reference: `account-anonymised.${account.id}` });
  return { outcome: 'anonymised' };
}
