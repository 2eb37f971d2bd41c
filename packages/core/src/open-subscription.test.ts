import { InvalidInputError } from './errors';
import { openSubscription } from './open-subscription';

const at = new Date('2024-01-31T23:59:00.000Z');
const base = {
  id: 'sub_1',
  storeId: 'store_1',
  accountId: null,
  provider: 'platform' as const,
  externalId: null,
  planName: 'Basic',
  price: { amountMinor: 1900, currency: 'EUR' },
  at,
};

describe('openSubscription', () => {
  it('without trial days it is active for one month from now', () => {
    expect(openSubscription(base)).toMatchObject({
      status: 'active',
      trialEndsAt: null,
      currentPeriodStart: at,
      currentPeriodEnd: new Date('2024-02-29T23:59:00.000Z'),
      priceMinor: 1900,
      currency: 'EUR',
      cancelAtPeriodEnd: false,
      billingEndsAt: null,
    });
  });

  it('with trial days it starts in trial with no billed period', () => {
    expect(openSubscription({ ...base, trialDays: 14 })).toMatchObject({
      status: 'trial',
      trialEndsAt: new Date('2024-02-14T23:59:00.000Z'),
      currentPeriodStart: null,
      currentPeriodEnd: null,
    });
  });

  it('uses the period stated by the provider', () => {
    const period = { start: at, end: new Date('2024-03-01T00:00:00.000Z') };
    expect(openSubscription({ ...base, period }).currentPeriodEnd).toBe(period.end);
  });

  it.each([
    [{ trialDays: -1 }, 'Trial days'],
    [{ trialDays: 1.5 }, 'Trial days'],
    [{ provider: 'shopify' as const }, 'AppSubscription id'],
    [{ price: { amountMinor: 19.5, currency: 'EUR' } }, 'whole minor units'],
    [{ price: { amountMinor: 1900, currency: 'eur' } }, 'three uppercase letters'],
  ])('refuses %j', (override, message) => {
    expect(() => openSubscription({ ...base, ...override })).toThrow(InvalidInputError);
    expect(() => openSubscription({ ...base, ...override })).toThrow(message);
  });
});
