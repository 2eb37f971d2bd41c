import { IllegalTransitionError, InvalidInputError } from './errors';
import type { Subscription, SubscriptionProvider, SubscriptionStatus } from './model';
import { SubscriptionStatuses } from './model';
import type { SubscriptionTransition, SubscriptionTransitionContext } from './subscription-lifecycle';
import {
  SubscriptionTransitionProviders,
  SubscriptionTransitionTable,
  SubscriptionTransitions as T,
  applySubscriptionTransition,
  canApplySubscriptionTransition,
} from './subscription-lifecycle';
import { statesAllowing } from './transition-table';

const periodStart = new Date('2025-01-31T09:30:00.000Z');
const periodEnd = new Date('2025-02-28T09:30:00.000Z');
const midPeriod = new Date('2025-02-10T00:00:00.000Z');
const afterPeriod = new Date('2025-03-01T00:00:00.000Z');

function subscriptionIn(status: SubscriptionStatus, provider: SubscriptionProvider): Subscription {
  const pending = status === SubscriptionStatuses.pendingCancellation;
  return {
    id: 'sub_1',
    storeId: 'store_1',
    accountId: 'acct_1',
    provider,
    externalId: provider === 'shopify' ? 'gid://shopify/AppSubscription/1' : null,
    planName: 'Basic',
    priceMinor: 2900,
    currency: 'EUR',
    status,
    trialEndsAt: status === 'trial' ? periodStart : null,
    currentPeriodStart: status === 'trial' ? null : periodStart,
    currentPeriodEnd: status === 'trial' ? null : periodEnd,
    cancelAtPeriodEnd: pending,
    cancelledAt: pending ? midPeriod : null,
    cancelSource: pending ? 'dashboard' : null,
    cancelReason: pending ? 'too_expensive' : null,
    cancelReasonText: null,
    cancelledBy: pending ? 'user_1' : null,
    billingEndsAt: pending ? periodEnd : null,
    createdAt: periodStart,
    updatedAt: periodStart,
  };
}

/** A context every rule accepts for this transition. */
function validContext(transition: SubscriptionTransition): SubscriptionTransitionContext {
  const late = transition === T.renew || transition === T.completeScheduledCancellation;
  return {
    at: late ? afterPeriod : midPeriod,
    source: transition === T.cancelByProvider ? 'shopify_uninstall' : 'dashboard',
    actorId: 'user_1',
    cancellation: { reason: 'unused' },
  };
}

const statuses = Object.values(SubscriptionStatuses);
const transitions = Object.values(T);
const legal = statuses.flatMap((from) =>
  transitions
    .filter((t) => SubscriptionTransitionTable[from][t] !== undefined)
    .map((t) => [from, t, SubscriptionTransitionTable[from][t] as SubscriptionStatus] as const),
);
const illegal = statuses.flatMap((from) =>
  transitions
    .filter((t) => SubscriptionTransitionTable[from][t] === undefined)
    .map((t) => [from, t] as const),
);
const providerRefusals = legal.flatMap(([from, transition]) =>
  (['shopify', 'platform'] as const)
    .filter((p) => !SubscriptionTransitionProviders[transition].includes(p))
    .map((provider) => [from, transition, provider] as const),
);

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('subscription lifecycle table', () => {
  it('cancelled and expired are terminal', () => {
    expect(SubscriptionTransitionTable.cancelled).toEqual({});
    expect(SubscriptionTransitionTable.expired).toEqual({});
  });

  it.each(legal)('%s --%s--> %s is applied for an allowed provider', (from, transition, to) => {
    const provider = SubscriptionTransitionProviders[transition][0] as SubscriptionProvider;
    const before = subscriptionIn(from, provider);
    expect(canApplySubscriptionTransition(before, transition)).toBe(true);
    const context = validContext(transition);
    const next = applySubscriptionTransition(before, transition, context);
    expect(next.status).toBe(to);
    expect(next.updatedAt).toBe(context.at);
    expect(before.status).toBe(from);
  });

  it.each(illegal)('%s --%s--> is refused with an IllegalTransitionError', (from, transition) => {
    const provider = SubscriptionTransitionProviders[transition][0] as SubscriptionProvider;
    const before = subscriptionIn(from, provider);
    expect(canApplySubscriptionTransition(before, transition)).toBe(false);
    const error = catchError(() => applySubscriptionTransition(before, transition, validContext(transition)));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    const illegalError = error as IllegalTransitionError;
    expect(illegalError.kind).toBe('ILLEGAL_TRANSITION');
    expect(illegalError.details).toEqual({
      machine: 'subscription',
      from,
      transition,
      allowedFrom: statesAllowing(SubscriptionTransitionTable, transition),
      entityId: 'sub_1',
    });
    expect(illegalError.message).toContain(
      `Illegal subscription transition "${transition}" from state "${from}"`,
    );
    expect(illegalError.message).toContain(`a subscription in state "${from}"`);
  });

  it.each(providerRefusals)('%s --%s--> is refused for a %s subscription', (from, transition, provider) => {
    const before = subscriptionIn(from, provider);
    expect(canApplySubscriptionTransition(before, transition)).toBe(false);
    const error = catchError(() => applySubscriptionTransition(before, transition, validContext(transition)));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).details).toMatchObject({
      machine: 'subscription',
      rule: 'provider',
    });
    const expected = provider === 'shopify' ? 'billed by Shopify' : 'only the account owner cancels';
    expect((error as IllegalTransitionError).message).toContain(expected);
  });
});

describe('owner cancellation of a platform subscription', () => {
  const active = subscriptionIn('active', 'platform');

  it('a cancellation at period end keeps access until the stored period end, reversibly', () => {
    const next = applySubscriptionTransition(active, T.scheduleCancellation, {
      at: midPeriod,
      source: 'dashboard',
      actorId: 'user_1',
      cancellation: { reason: 'other', text: '  moving to a marketplace  ' },
    });
    expect(next).toMatchObject({
      status: 'pending_cancellation',
      cancelAtPeriodEnd: true,
      cancelledAt: midPeriod,
      billingEndsAt: periodEnd,
      cancelReason: 'other',
      cancelReasonText: 'moving to a marketplace',
      cancelledBy: 'user_1',
      cancelSource: 'dashboard',
    });
    const undone = applySubscriptionTransition(next, T.undoCancellation, {
      at: new Date(periodEnd.getTime() - 1),
      source: 'dashboard',
      actorId: 'user_1',
    });
    expect(undone).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      cancelledAt: null,
      billingEndsAt: null,
      cancelReason: null,
      cancelReasonText: null,
      cancelledBy: null,
      cancelSource: null,
    });
  });

  it('an immediate cancellation stops billing now', () => {
    const next = applySubscriptionTransition(active, T.cancelImmediately, {
      at: midPeriod,
      source: 'dashboard',
      actorId: 'user_1',
      cancellation: { reason: 'switched_service' },
    });
    expect(next).toMatchObject({ status: 'cancelled', billingEndsAt: midPeriod, cancelAtPeriodEnd: false });
  });

  it('an immediate cancellation of a pending one reuses its reason when none is given', () => {
    const next = applySubscriptionTransition(
      subscriptionIn('pending_cancellation', 'platform'),
      T.cancelImmediately,
      {
        at: midPeriod,
        source: 'dashboard',
        actorId: 'user_1',
      },
    );
    expect(next).toMatchObject({
      status: 'cancelled',
      cancelReason: 'too_expensive',
      billingEndsAt: midPeriod,
    });
  });

  it.each([
    [{ reason: 'bored' }, 'Choose a cancellation reason'],
    [{ reason: 'other' }, 'needs a short explanation'],
    [undefined, 'Choose a cancellation reason'],
  ])('a cancellation with %j is refused as invalid input', (cancellation, message) => {
    const error = catchError(() =>
      applySubscriptionTransition(active, T.cancelImmediately, {
        at: midPeriod,
        source: 'dashboard',
        actorId: 'user_1',
        cancellation,
      }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toContain(message);
  });

  it.each([T.scheduleCancellation, T.cancelImmediately, T.undoCancellation])(
    '%s without an authenticated owner is refused',
    (transition) => {
      const from = transition === T.undoCancellation ? 'pending_cancellation' : 'active';
      const error = catchError(() =>
        applySubscriptionTransition(subscriptionIn(from, 'platform'), transition, {
          at: midPeriod,
          source: 'email',
          cancellation: { reason: 'unused' },
        }),
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toContain('authenticated');
    },
  );

  it('a cancellation at period end is refused once the period is over', () => {
    const error = catchError(() =>
      applySubscriptionTransition(active, T.scheduleCancellation, {
        ...validContext(T.scheduleCancellation),
        at: periodEnd,
      }),
    );
    expect((error as IllegalTransitionError).details.rule).toBe('period_end_required');
  });

  it('a scheduled cancellation cannot be undone at or after its period end', () => {
    const pending = subscriptionIn('pending_cancellation', 'platform');
    const error = catchError(() =>
      applySubscriptionTransition(pending, T.undoCancellation, {
        at: periodEnd,
        source: 'dashboard',
        actorId: 'u',
      }),
    );
    expect((error as IllegalTransitionError).details.rule).toBe('period_ended');
    expect((error as IllegalTransitionError).message).toContain('can no longer be undone');
  });

  it('a scheduled cancellation completes at its period end, not before', () => {
    const pending = subscriptionIn('pending_cancellation', 'platform');
    const early = catchError(() =>
      applySubscriptionTransition(pending, T.completeScheduledCancellation, {
        at: midPeriod,
        source: 'billing',
      }),
    );
    expect((early as IllegalTransitionError).details.rule).toBe('period_not_ended');
    const done = applySubscriptionTransition(pending, T.completeScheduledCancellation, {
      at: periodEnd,
      source: 'billing',
    });
    expect(done).toMatchObject({
      status: 'cancelled',
      billingEndsAt: periodEnd,
      cancelReason: 'too_expensive',
    });
  });
});

describe('provider cancellation of a Shopify subscription', () => {
  it('an uninstall cancels with access until the period end stored before it', () => {
    const next = applySubscriptionTransition(subscriptionIn('active', 'shopify'), T.cancelByProvider, {
      at: midPeriod,
      source: 'shopify_uninstall',
    });
    expect(next).toMatchObject({
      status: 'cancelled',
      billingEndsAt: periodEnd,
      cancelledAt: midPeriod,
      cancelSource: 'shopify_uninstall',
      cancelReason: null,
      cancelledBy: null,
    });
  });

  it('without a stored period end, or one already past, billing ends at the cancellation', () => {
    const trial = applySubscriptionTransition(subscriptionIn('trial', 'shopify'), T.cancelByProvider, {
      at: midPeriod,
      source: 'shopify_uninstall',
    });
    expect(trial.billingEndsAt).toBe(midPeriod);
    const late = applySubscriptionTransition(subscriptionIn('active', 'shopify'), T.cancelByProvider, {
      at: afterPeriod,
      source: 'shopify_uninstall',
    });
    expect(late.billingEndsAt).toBe(afterPeriod);
  });
});

describe('periods, trials, freezes and expiry', () => {
  it('converting a trial starts the first monthly period', () => {
    const next = applySubscriptionTransition(subscriptionIn('trial', 'platform'), T.convertTrial, {
      at: periodStart,
      source: 'billing',
    });
    expect(next).toMatchObject({
      status: 'active',
      currentPeriodStart: periodStart,
      currentPeriodEnd: periodEnd,
    });
  });

  it('renewing moves the period on and returns to the anchor day after a short month', () => {
    const next = applySubscriptionTransition(subscriptionIn('active', 'platform'), T.renew, {
      at: periodEnd,
      source: 'billing',
    });
    expect(next.currentPeriodStart).toEqual(periodEnd);
    expect(next.currentPeriodEnd).toEqual(new Date('2025-03-31T09:30:00.000Z'));
  });

  it('renewing before the period ends is refused unless the provider states the period', () => {
    const active = subscriptionIn('active', 'shopify');
    const error = catchError(() =>
      applySubscriptionTransition(active, T.renew, { at: midPeriod, source: 'shopify' }),
    );
    expect((error as IllegalTransitionError).details.rule).toBe('period_not_ended');
    const period = { start: midPeriod, end: new Date('2025-03-10T00:00:00.000Z') };
    const next = applySubscriptionTransition(active, T.renew, { at: midPeriod, source: 'shopify', period });
    expect(next).toMatchObject({ currentPeriodStart: period.start, currentPeriodEnd: period.end });
  });

  it('a period that ends before it starts is invalid input', () => {
    const period = { start: periodEnd, end: periodStart };
    const error = catchError(() =>
      applySubscriptionTransition(subscriptionIn('trial', 'shopify'), T.convertTrial, {
        at: midPeriod,
        source: 's',
        period,
      }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('freezing and unfreezing keep the period unless the provider gives a new one', () => {
    const frozen = applySubscriptionTransition(subscriptionIn('active', 'platform'), T.freeze, {
      at: midPeriod,
      source: 'billing',
    });
    expect(frozen).toMatchObject({ status: 'frozen', currentPeriodEnd: periodEnd });
    const back = applySubscriptionTransition(frozen, T.unfreeze, { at: midPeriod, source: 'billing' });
    expect(back).toMatchObject({ status: 'active', currentPeriodEnd: periodEnd });
    const period = { start: midPeriod, end: afterPeriod };
    const moved = applySubscriptionTransition(frozen, T.unfreeze, {
      at: midPeriod,
      source: 'shopify',
      period,
    });
    expect(moved.currentPeriodEnd).toBe(afterPeriod);
  });

  it('an expired subscription stops billing when it expires', () => {
    const next = applySubscriptionTransition(subscriptionIn('trial', 'platform'), T.expire, {
      at: midPeriod,
      source: 'billing',
    });
    expect(next).toMatchObject({ status: 'expired', billingEndsAt: midPeriod });
  });
});
