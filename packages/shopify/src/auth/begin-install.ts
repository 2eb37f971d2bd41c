import type { IncomingMessage, ServerResponse } from 'node:http';

import { ErrorKinds } from '@dropship/core';
import type { Shopify } from '@shopify/shopify-api';

import { ShopifyAdapterError, toShopifyAdapterError } from '../errors';
import type { SanitizeShop } from './sanitize-shop';

/**
 * Starts OAuth for an offline (shop-wide) token: sets the signed state cookie
 * and answers 302 to the shop's consent screen. It must run at the top level,
 * outside the admin iframe (browsers drop third-party cookies).
 */
export type BeginInstall = (req: IncomingMessage, res: ServerResponse, shop: string) => Promise<void>;

export function createBeginInstall(
  shopify: Shopify,
  sanitizeShop: SanitizeShop,
  callbackPath: string,
): BeginInstall {
  return async (req, res, shop) => {
    const clean = sanitizeShop(shop);
    if (clean === null) {
      throw new ShopifyAdapterError(
        ErrorKinds.invalidInput,
        `"${shop}" is not a Shopify shop domain; open the app from the Shopify admin (the shop must be <name>.myshopify.com).`,
        { operation: 'begin install', shop },
      );
    }
    try {
      await shopify.auth.begin({
        shop: clean,
        callbackPath,
        isOnline: false,
        rawRequest: req,
        rawResponse: res,
      });
    } catch (error) {
      throw toShopifyAdapterError(error, { operation: 'begin install', shop: clean });
    }
  };
}
