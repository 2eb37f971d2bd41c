import type { Shopify } from '@shopify/shopify-api';

import type { ShopSession } from '../auth/shop-session';
import { toLibrarySession } from '../auth/shop-session';
import { toShopifyAdapterError } from '../errors';
import type { ShopifyAppSubscription } from './app-subscription';
import { toAppSubscription } from './app-subscription';

export interface CancelSubscriptionParams {
  session: ShopSession;
  subscriptionId: string;
  /** Credit the unused part of the period (Shopify's default is true). */
  prorate?: boolean;
}

/** Cancels an AppSubscription (appSubscriptionCancel). An uninstall needs no call: Shopify cancels by itself. */
export type CancelSubscription = (params: CancelSubscriptionParams) => Promise<ShopifyAppSubscription>;

export function createCancelSubscription(shopify: Shopify, isTest: boolean): CancelSubscription {
  return async ({ session, subscriptionId, prorate = true }) => {
    try {
      const cancelled = await shopify.billing.cancel({
        session: toLibrarySession(session),
        subscriptionId,
        prorate,
        isTest,
      });
      return toAppSubscription(cancelled);
    } catch (error) {
      throw toShopifyAdapterError(error, { operation: 'cancel subscription', shop: session.shop });
    }
  };
}
