import {
  AccountTransitionTable,
  AccountTransitions,
  applyAccountTransition,
  canApplyAccountTransition,
  decideAccountDeletion,
} from './account-retention';
import { IllegalTransitionError, InvalidInputError } from './errors';
import type { Account, AccountStatus } from './model';
import { AccountStatuses } from './model';
import { statesAllowing } from './transition-table';

const at = new Date('2025-06-01T00:00:00.000Z');

function accountIn(status: AccountStatus): Account {
  return {
    id: 'acct_1',
    email: 'owner@example.com',
    name: 'Owner',
    status,
    createdAt: new Date('2024-01-01T00:00:00.000Z'),
    updatedAt: new Date('2024-01-01T00:00:00.000Z'),
  };
}

describe('decideAccountDeletion', () => {
  it('an account without invoices may be deleted', () => {
    expect(decideAccountDeletion({ account: { id: 'acct_1' }, invoiceCount: 0 })).toEqual({
      allowed: true,
      action: 'delete',
    });
  });

  it.each([1, 12])('an account with %s invoice(s) can only be suspended or anonymised', (invoiceCount) => {
    const decision = decideAccountDeletion({ account: { id: 'acct_1' }, invoiceCount });
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'has_invoices',
      alternatives: ['suspend', 'anonymise'],
    });
    expect(decision.allowed === false && decision.message).toContain(`has ${invoiceCount} invoice`);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the invoice count %s', (invoiceCount) => {
    expect(() => decideAccountDeletion({ account: { id: 'acct_1' }, invoiceCount })).toThrow(
      InvalidInputError,
    );
  });
});

const statuses = Object.values(AccountStatuses);
const transitions = Object.values(AccountTransitions);
const legal = statuses.flatMap((from) =>
  transitions
    .filter((t) => AccountTransitionTable[from][t] !== undefined)
    .map((t) => [from, t, AccountTransitionTable[from][t] as AccountStatus] as const),
);
const illegal = statuses.flatMap((from) =>
  transitions.filter((t) => AccountTransitionTable[from][t] === undefined).map((t) => [from, t] as const),
);

describe('account lifecycle', () => {
  it('holds exactly the documented moves', () => {
    expect(legal).toEqual([
      ['active', 'suspend', 'suspended'],
      ['active', 'anonymise', 'anonymised'],
      ['suspended', 'reactivate', 'active'],
      ['suspended', 'anonymise', 'anonymised'],
    ]);
  });

  it.each(legal)('%s --%s--> %s', (from, transition, to) => {
    const before = accountIn(from);
    expect(canApplyAccountTransition(before, transition)).toBe(true);
    const next = applyAccountTransition(before, transition, { at });
    expect(next.status).toBe(to);
    expect(next.updatedAt).toBe(at);
    expect(before.status).toBe(from);
  });

  it.each(illegal)('%s --%s--> is refused with an IllegalTransitionError', (from, transition) => {
    const before = accountIn(from);
    expect(canApplyAccountTransition(before, transition)).toBe(false);
    expect(() => applyAccountTransition(before, transition, { at })).toThrow(IllegalTransitionError);
    try {
      applyAccountTransition(before, transition, { at });
    } catch (error) {
      const illegalError = error as IllegalTransitionError;
      expect(illegalError.kind).toBe('ILLEGAL_TRANSITION');
      expect(illegalError.details).toEqual({
        machine: 'account',
        from,
        transition,
        allowedFrom: statesAllowing(AccountTransitionTable, transition),
        entityId: 'acct_1',
      });
      expect(illegalError.message).toContain(
        `Illegal account transition "${transition}" from state "${from}"`,
      );
    }
  });

  it('anonymising erases the e-mail address and name', () => {
    expect(applyAccountTransition(accountIn('suspended'), 'anonymise', { at })).toMatchObject({
      status: 'anonymised',
      email: null,
      name: null,
    });
  });

  it('suspending keeps the personal data', () => {
    expect(applyAccountTransition(accountIn('active'), 'suspend', { at })).toMatchObject({
      email: 'owner@example.com',
      name: 'Owner',
    });
  });
});
