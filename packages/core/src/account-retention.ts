import { InvalidInputError } from './errors';
import type { Account, AccountStatus } from './model';
import { AccountStatuses } from './model';
import type { TransitionTable } from './transition-table';
import { lookupTransition, tableRefusal } from './transition-table';

/** What can be done instead of deleting an account that has invoices. */
export const AccountDeletionAlternatives = ['suspend', 'anonymise'] as const;

export type AccountDeletionDecision =
  | { allowed: true; action: 'delete' }
  | {
      allowed: false;
      reason: 'has_invoices';
      message: string;
      alternatives: typeof AccountDeletionAlternatives;
    };

export interface DecideAccountDeletionParams {
  account: Pick<Account, 'id'>;
  invoiceCount: number;
}

/**
 * An account may be deleted only when no invoice is attached to it: invoices are
 * legal records, so an account with invoices can only be suspended or
 * anonymised (its personal data erased, the billing records kept).
 */
export function decideAccountDeletion(params: DecideAccountDeletionParams): AccountDeletionDecision {
  const { account, invoiceCount } = params;
  if (!Number.isInteger(invoiceCount) || invoiceCount < 0) {
    throw new InvalidInputError(`invoiceCount must be a whole number, 0 or more (got ${invoiceCount}).`, {
      accountId: account.id,
    });
  }
  if (invoiceCount === 0) return { allowed: true, action: 'delete' };
  return {
    allowed: false,
    reason: 'has_invoices',
    message:
      `Account ${account.id} has ${invoiceCount} invoice${invoiceCount === 1 ? '' : 's'} that must be kept for legal reasons, ` +
      'so it cannot be deleted. Suspend it, or anonymise it to erase its personal data.',
    alternatives: AccountDeletionAlternatives,
  };
}

export const AccountTransitions = {
  suspend: 'suspend',
  reactivate: 'reactivate',
  anonymise: 'anonymise',
} as const;
export type AccountTransition = (typeof AccountTransitions)[keyof typeof AccountTransitions];

/** (status, transition) → next status. `anonymised` is terminal: erased data cannot come back. */
export const AccountTransitionTable: TransitionTable<AccountStatus, AccountTransition> = {
  [AccountStatuses.active]: { suspend: AccountStatuses.suspended, anonymise: AccountStatuses.anonymised },
  [AccountStatuses.suspended]: { reactivate: AccountStatuses.active, anonymise: AccountStatuses.anonymised },
  [AccountStatuses.anonymised]: {},
};

const stateNotes: Record<AccountStatus, string> = {
  active: 'is in use',
  suspended: 'is suspended (reactivate or anonymise it)',
  anonymised: 'has its personal data erased for good (nothing can change it)',
};

export function canApplyAccountTransition(
  account: Pick<Account, 'status'>,
  transition: AccountTransition,
): boolean {
  return lookupTransition(AccountTransitionTable, account.status, transition) !== undefined;
}

/**
 * The account after `transition`, as a new value; anonymising erases the
 * e-mail address and name. Throws `IllegalTransitionError` when not allowed.
 */
export function applyAccountTransition(
  account: Account,
  transition: AccountTransition,
  context: { at: Date },
): Account {
  const next = lookupTransition(AccountTransitionTable, account.status, transition);
  if (next === undefined) {
    throw tableRefusal({
      machine: 'account',
      table: AccountTransitionTable,
      from: account.status,
      transition,
      stateNote: stateNotes[account.status],
      entityId: account.id,
    });
  }
  const moved: Account = { ...account, status: next, updatedAt: context.at };
  return transition === AccountTransitions.anonymise ? { ...moved, email: null, name: null } : moved;
}
