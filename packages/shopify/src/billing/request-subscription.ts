import { ErrorKinds } from '@dropship/core';
import type { Shopify } from '@shopify/shopify-api';

import type { ShopSession } from '../auth/shop-session';
import { toLibrarySession } from '../auth/shop-session';
import { ShopifyAdapterError, toShopifyAdapterError } from '../errors';
import type { ShopifyPlanOptions } from '../options';
import type { ShopifyAppSubscription } from './app-subscription';
import { toAppSubscription } from './app-subscription';

export interface RequestSubscriptionParams {
  session: ShopSession;
  /** Where Shopify sends the merchant after approving or declining (gets `charge_id`). */
  returnUrl: string;
  /** Overrides the plan's trial: the days left of a period paid before a reinstall. */
  trialDays?: number;
}

export interface RequestSubscriptionResult {
  /** Send the merchant there (top-level redirect) to approve the charge. */
  confirmationUrl: string;
  /** PENDING until approved. */
  subscription: ShopifyAppSubscription;
}

/** Creates the plan's recurring AppSubscription (appSubscriptionCreate through the library's billing.request). */
export type RequestSubscription = (params: RequestSubscriptionParams) => Promise<RequestSubscriptionResult>;

export function createRequestSubscription(shopify: Shopify, plan: ShopifyPlanOptions): RequestSubscription {
  return async ({ session, returnUrl, trialDays }) => {
    if (trialDays !== undefined && (!Number.isInteger(trialDays) || trialDays < 0)) {
      throw new ShopifyAdapterError(
        ErrorKinds.invalidInput,
        `trialDays must be a whole number of days ≥ 0, got ${trialDays}.`,
        {
          trialDays,
        },
      );
    }
    let response;
    try {
      response = await shopify.billing.request({
        session: toLibrarySession(session),
        plan: plan.planName,
        isTest: plan.test,
        returnUrl,
        returnObject: true,
        ...(trialDays !== undefined ? { trialDays } : {}),
      });
    } catch (error) {
      throw toShopifyAdapterError(error, { operation: 'request subscription', shop: session.shop });
    }
    if (!response.appSubscription) {
      throw new ShopifyAdapterError(
        ErrorKinds.unavailable,
        `Shopify created no subscription for ${session.shop}; retry later.`,
        {
          operation: 'request subscription',
          shop: session.shop,
        },
      );
    }
    return {
      confirmationUrl: response.confirmationUrl,
      subscription: toAppSubscription(response.appSubscription),
    };
  };
}
