import type { SubscriptionStatus } from './model';
import { fromShopifyStatus } from './shopify-subscription-status';

describe('fromShopifyStatus', () => {
  it.each([null, 'active', 'trial', 'frozen', 'cancelled'] as const)(
    'PENDING changes nothing (current: %s): the merchant has not approved the charge',
    (current) => {
      expect(fromShopifyStatus('PENDING', current)).toEqual({ kind: 'none', reason: 'awaiting_approval' });
    },
  );

  it.each([null, 'active'] as const)(
    'DECLINED changes nothing (current: %s): it was never active',
    (current) => {
      expect(fromShopifyStatus('DECLINED', current)).toEqual({
        kind: 'none',
        reason: 'declined_before_activation',
      });
    },
  );

  it('ACTIVE without a record opens an active subscription', () => {
    expect(fromShopifyStatus('ACTIVE', null)).toEqual({ kind: 'open', status: 'active' });
  });

  it.each(['CANCELLED', 'EXPIRED', 'FROZEN'] as const)(
    '%s without a record has nothing to mirror',
    (status) => {
      expect(fromShopifyStatus(status, null)).toEqual({ kind: 'none', reason: 'never_activated' });
    },
  );

  it.each([
    ['ACTIVE', 'frozen', 'unfreeze', 'active'],
    ['CANCELLED', 'active', 'cancelByProvider', 'cancelled'],
    ['CANCELLED', 'trial', 'cancelByProvider', 'cancelled'],
    ['CANCELLED', 'frozen', 'cancelByProvider', 'cancelled'],
    ['EXPIRED', 'active', 'expire', 'expired'],
    ['EXPIRED', 'trial', 'expire', 'expired'],
    ['EXPIRED', 'frozen', 'expire', 'expired'],
    ['FROZEN', 'active', 'freeze', 'frozen'],
  ] as const)('%s over a %s record applies %s', (status, current, transition, target) => {
    expect(fromShopifyStatus(status, current)).toEqual({ kind: 'apply', transition, status: target });
  });

  it.each([
    ['ACTIVE', 'active'],
    ['ACTIVE', 'trial'],
    ['CANCELLED', 'cancelled'],
    ['EXPIRED', 'expired'],
    ['FROZEN', 'frozen'],
  ] as const)('%s over a %s record is already mirrored', (status, current) => {
    expect(fromShopifyStatus(status, current)).toEqual({ kind: 'none', reason: 'already_in_status' });
  });

  it.each([
    ['ACTIVE', 'cancelled'],
    ['ACTIVE', 'expired'],
    ['CANCELLED', 'expired'],
    ['EXPIRED', 'cancelled'],
    ['FROZEN', 'trial'],
    ['FROZEN', 'cancelled'],
  ] as const)('%s over a %s record does not apply', (status, current: SubscriptionStatus) => {
    expect(fromShopifyStatus(status, current)).toEqual({ kind: 'none', reason: 'not_applicable' });
  });
});
