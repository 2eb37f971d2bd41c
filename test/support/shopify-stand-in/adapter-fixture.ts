import type { ShopifyAdapter, ShopifyAdapterOptions, ShopSession } from '@dropship/shopify';
import { createShopifyApi } from '@dropship/shopify';

import { startShopifyStandIn } from './index';
import type { ShopifyStandIn } from './index';

export interface AdapterFixture {
  standIn: ShopifyStandIn;
  adapter: ShopifyAdapter;
  /** Installs the app on `shop` (token exchange) and returns its offline session. */
  install(shop: string): Promise<ShopSession>;
  close(): Promise<void>;
}

/** A stand-in and an adapter routed to it, for tests of code that calls Shopify. One per test file. */
export async function startAdapterFixture(
  overrides: Partial<ShopifyAdapterOptions> = {},
): Promise<AdapterFixture> {
  const apiKey = overrides.apiKey ?? 'fixture-api-key';
  const apiSecret = overrides.apiSecret ?? 'fixture-api-secret';
  const standIn = await startShopifyStandIn({ apiKey, apiSecret });
  const adapter = createShopifyApi({
    apiKey,
    apiSecret,
    scopes: ['read_products', 'write_products', 'read_orders'],
    apiVersion: '2026-07',
    appUrl: 'https://dropship.example.com',
    billing: { planName: 'Dropship Monthly', amount: 29, currency: 'USD', trialDays: 7, test: true },
    log: () => undefined,
    ...overrides,
    adminApiOrigin: standIn.origin,
  });
  return {
    standIn,
    adapter,
    install: async (shop) => {
      const { accessToken } = await adapter.exchangeSessionToken({
        shop,
        sessionToken: standIn.sessionToken(shop),
      });
      return { shop, accessToken };
    },
    close: () => standIn.close(),
  };
}
