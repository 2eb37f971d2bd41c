import type { AdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { startAdapterFixture } from '../../../../test/support/shopify-stand-in/adapter-fixture';
import { remainingPaidDays } from './plan';

let fixture: AdapterFixture;
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  fixture = await startAdapterFixture();
});
afterAll(() => fixture.close());

describe('Shopify billing through the library', () => {
  it('request → confirmation URL → approve → the subscription is ACTIVE with a currentPeriodEnd', async () => {
    const session = await fixture.install('billing-shop.myshopify.com');
    const { confirmationUrl, subscription } = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app/billing/return',
    });
    expect(new URL(confirmationUrl).host).toBe('billing-shop.myshopify.com');
    expect(subscription).toMatchObject({
      name: 'Dropship Monthly',
      status: 'PENDING',
      test: true,
      trialDays: 7,
      currentPeriodEnd: null,
    });
    expect(subscription.id).toMatch(/^gid:\/\/shopify\/AppSubscription\/\d+$/);
    expect(await fixture.adapter.billing.readActive({ session })).toEqual([]);

    const returnUrl = new URL(await fixture.standIn.confirmCharge(confirmationUrl));
    expect(returnUrl.pathname).toBe('/app/billing/return');
    expect(returnUrl.searchParams.get('charge_id')).toBe(subscription.id.split('/').pop());

    const [active, ...others] = await fixture.adapter.billing.readActive({ session });
    expect(others).toEqual([]);
    expect(active).toMatchObject({
      id: subscription.id,
      status: 'ACTIVE',
      rawStatus: 'ACTIVE',
      trialDays: 7,
    });
    expect(active?.currentPeriodEnd?.getTime()).toBeGreaterThan(Date.now() + 6 * DAY_MS);
  });

  it('a reinstall within a paid period asks for the remaining days as trial', async () => {
    const session = await fixture.install('returning-shop.myshopify.com');
    const paidUntil = new Date(Date.now() + 12.5 * DAY_MS);
    const trialDays = remainingPaidDays(paidUntil, new Date());
    expect(trialDays).toBe(13);
    const { subscription } = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app',
      trialDays,
    });
    expect(subscription.trialDays).toBe(13);
    const zero = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app',
      trialDays: 0,
    });
    expect(zero.subscription.trialDays).toBe(0);
  });

  it('a declined charge reads back as DECLINED by id and never becomes active', async () => {
    const session = await fixture.install('declining-shop.myshopify.com');
    const { confirmationUrl, subscription } = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app',
    });
    await fixture.standIn.confirmCharge(confirmationUrl, 'decline');
    expect(await fixture.adapter.billing.read({ session, subscriptionId: subscription.id })).toMatchObject({
      status: 'DECLINED',
      currentPeriodEnd: null,
    });
    expect(await fixture.adapter.billing.readActive({ session })).toEqual([]);
    expect(
      await fixture.adapter.billing.read({ session, subscriptionId: 'gid://shopify/AppSubscription/1' }),
    ).toBeNull();
  });

  it('cancel ends an active subscription; its currentPeriodEnd is then null', async () => {
    const session = await fixture.install('cancelling-shop.myshopify.com');
    const { confirmationUrl, subscription } = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app',
    });
    await fixture.standIn.confirmCharge(confirmationUrl);
    const cancelled = await fixture.adapter.billing.cancel({ session, subscriptionId: subscription.id });
    expect(cancelled).toMatchObject({ id: subscription.id, status: 'CANCELLED', currentPeriodEnd: null });
    await expect(
      fixture.adapter.billing.cancel({ session, subscriptionId: subscription.id }),
    ).rejects.toMatchObject({
      kind: 'INVALID_INPUT',
    });
  });

  it('uninstall cancels the subscription and revokes the token: billing calls are then UNAUTHORIZED', async () => {
    const shop = 'leaving-shop.myshopify.com';
    const session = await fixture.install(shop);
    const { confirmationUrl, subscription } = await fixture.adapter.billing.request({
      session,
      returnUrl: 'https://dropship.example.com/app',
    });
    await fixture.standIn.confirmCharge(confirmationUrl);
    fixture.standIn.uninstall(shop);
    expect(fixture.standIn.subscription(shop, subscription.id)).toMatchObject({ status: 'CANCELLED' });
    await expect(fixture.adapter.billing.readActive({ session })).rejects.toMatchObject({
      name: 'ShopifyAdapterError',
      kind: 'UNAUTHORIZED',
      message: expect.stringContaining('uninstalled or the token revoked'),
      details: expect.objectContaining({ status: 401, shop }),
    });
    await expect(
      fixture.adapter.billing.request({ session, returnUrl: 'https://dropship.example.com/app' }),
    ).rejects.toMatchObject({
      kind: 'UNAUTHORIZED',
    });
  });

  it('refuses a negative or fractional trial override before calling Shopify', async () => {
    const session = { shop: 'any-shop.myshopify.com', accessToken: 'shpat_x' };
    await expect(
      fixture.adapter.billing.request({ session, returnUrl: 'https://a.example', trialDays: -1 }),
    ).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
    await expect(
      fixture.adapter.billing.request({ session, returnUrl: 'https://a.example', trialDays: 1.5 }),
    ).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
  });

  it('remainingPaidDays is zero for a past or unknown period end', () => {
    expect(remainingPaidDays(null, new Date())).toBe(0);
    expect(remainingPaidDays(new Date(Date.now() - 1000), new Date())).toBe(0);
  });
});
