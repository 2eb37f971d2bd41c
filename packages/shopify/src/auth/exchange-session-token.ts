import type { Shopify } from '@shopify/shopify-api';
import { RequestedTokenType } from '@shopify/shopify-api';

import { toShopifyAdapterError } from '../errors';
import type { InstallResult } from './complete-install';
import { toInstallResult } from './complete-install';

export interface ExchangeSessionTokenParams {
  shop: string;
  /** The App Bridge session token (the `Authorization: Bearer` of an embedded request). */
  sessionToken: string;
}

/**
 * Shopify-managed installation: trades an App Bridge session token for an
 * offline access token, with no redirect (shopify.dev "token exchange").
 */
export type ExchangeSessionToken = (params: ExchangeSessionTokenParams) => Promise<InstallResult>;

export function createExchangeSessionToken(shopify: Shopify): ExchangeSessionToken {
  return async ({ shop, sessionToken }) => {
    try {
      const { session } = await shopify.auth.tokenExchange({
        shop,
        sessionToken,
        requestedTokenType: RequestedTokenType.OfflineAccessToken,
      });
      return toInstallResult(session);
    } catch (error) {
      throw toShopifyAdapterError(error, { operation: 'token exchange', shop });
    }
  };
}
