import { IllegalTransitionError, isDomainError } from './errors';
import type { Store, StoreState } from './model';
import { LifecycleSources, StoreStates } from './model';
import type { StoreTransition } from './store-lifecycle';
import {
  StoreTransitionTable,
  StoreTransitions,
  applyStoreTransition,
  canApplyStoreTransition,
  isStaleDisconnect,
} from './store-lifecycle';
import { statesAllowing } from './transition-table';

const created = new Date('2025-01-10T08:00:00.000Z');
const at = new Date('2025-03-01T12:00:00.000Z');

function storeIn(state: StoreState): Store {
  const left = state !== StoreStates.connected;
  return {
    id: 'store_1',
    accountId: 'acct_1',
    platform: 'shopify',
    domain: 'example.myshopify.com',
    state,
    installedAt: created,
    disconnectedAt: left ? new Date('2025-02-01T00:00:00.000Z') : null,
    disconnectSource: left ? LifecycleSources.shopifyUninstall : null,
    automationEnabled: !left,
    createdAt: created,
    updatedAt: created,
  };
}

const states = Object.values(StoreStates);
const transitions = Object.values(StoreTransitions);
const legal = states.flatMap((from) =>
  transitions
    .filter((t) => StoreTransitionTable[from][t] !== undefined)
    .map((t) => [from, t, StoreTransitionTable[from][t] as StoreState] as const),
);
const illegal = states.flatMap((from) =>
  transitions.filter((t) => StoreTransitionTable[from][t] === undefined).map((t) => [from, t] as const),
);

describe('store lifecycle table', () => {
  it('holds exactly the documented moves', () => {
    expect(legal).toEqual([
      ['connected', 'beginDisconnect', 'disconnecting'],
      ['disconnecting', 'completeDisconnect', 'disconnected'],
      ['disconnecting', 'reconnect', 'connected'],
      ['disconnected', 'reconnect', 'connected'],
      ['disconnected', 'redact', 'redacted'],
      ['redacted', 'reconnect', 'connected'],
    ]);
    expect(illegal).toHaveLength(states.length * transitions.length - legal.length);
  });

  it.each(legal)('%s --%s--> %s is applied and reported as applicable', (from, transition, to) => {
    const store = storeIn(from);
    expect(canApplyStoreTransition(store, transition)).toBe(true);
    const next = applyStoreTransition(store, transition, { at, source: LifecycleSources.dashboard });
    expect(next.state).toBe(to);
    expect(next.updatedAt).toBe(at);
    expect(store.state).toBe(from);
  });

  it.each(illegal)('%s --%s--> is refused with an IllegalTransitionError', (from, transition) => {
    const store = storeIn(from);
    expect(canApplyStoreTransition(store, transition)).toBe(false);
    let caught: unknown;
    try {
      applyStoreTransition(store, transition, { at, source: LifecycleSources.dashboard });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(isDomainError(error)).toBe(true);
    expect(error.kind).toBe('ILLEGAL_TRANSITION');
    expect(error.details).toEqual({
      machine: 'store',
      from,
      transition,
      allowedFrom: statesAllowing(StoreTransitionTable, transition as StoreTransition),
      entityId: 'store_1',
    });
    expect(error.message).toContain(`Illegal store transition "${transition}" from state "${from}"`);
    expect(error.message).toContain('is allowed only from');
    expect(error.message).toContain(`a store in state "${from}"`);
  });
});

describe('store transition effects', () => {
  it('beginning a disconnect stops automation and records when and why', () => {
    const next = applyStoreTransition(storeIn('connected'), StoreTransitions.beginDisconnect, {
      at,
      source: LifecycleSources.wpDeleted,
    });
    expect(next).toMatchObject({
      state: 'disconnecting',
      automationEnabled: false,
      disconnectedAt: at,
      disconnectSource: 'wp_deleted',
    });
  });

  it('completing a disconnect keeps the time and source of the disconnect', () => {
    const before = storeIn('disconnecting');
    const next = applyStoreTransition(before, StoreTransitions.completeDisconnect, {
      at,
      source: LifecycleSources.shopifyUninstall,
    });
    expect(next).toMatchObject({
      state: 'disconnected',
      automationEnabled: false,
      disconnectedAt: before.disconnectedAt,
      disconnectSource: before.disconnectSource,
    });
  });

  it.each(['disconnecting', 'disconnected', 'redacted'] as const)(
    'a reinstall from %s turns automation back on and clears the disconnect',
    (from) => {
      const next = applyStoreTransition(storeIn(from), StoreTransitions.reconnect, {
        at,
        source: LifecycleSources.shopifyInstall,
      });
      expect(next).toMatchObject({
        state: 'connected',
        automationEnabled: true,
        installedAt: at,
        disconnectedAt: null,
        disconnectSource: null,
      });
    },
  );

  it('a redaction keeps automation off', () => {
    const next = applyStoreTransition(storeIn('disconnected'), StoreTransitions.redact, {
      at,
      source: LifecycleSources.shopifyRedact,
    });
    expect(next).toMatchObject({ state: 'redacted', automationEnabled: false });
  });

  it('a second uninstall of a disconnected store is a duplicate the caller can detect', () => {
    expect(canApplyStoreTransition(storeIn('disconnected'), StoreTransitions.beginDisconnect)).toBe(false);
  });
});

describe('isStaleDisconnect', () => {
  it('an uninstall older than the latest install is stale', () => {
    expect(isStaleDisconnect(storeIn('connected'), new Date(created.getTime() - 1))).toBe(true);
  });

  it('an uninstall at or after the latest install is not stale', () => {
    expect(isStaleDisconnect(storeIn('connected'), created)).toBe(false);
    expect(isStaleDisconnect(storeIn('connected'), at)).toBe(false);
  });

  it('a store with no recorded install has nothing to compare with', () => {
    expect(isStaleDisconnect({ installedAt: null }, at)).toBe(false);
  });
});
