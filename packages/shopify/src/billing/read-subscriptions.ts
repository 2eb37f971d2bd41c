import type { Shopify } from '@shopify/shopify-api';

import type { AdminGraphql } from '../admin/admin-graphql';
import type { ShopSession } from '../auth/shop-session';
import { toLibrarySession } from '../auth/shop-session';
import { toShopifyAdapterError } from '../errors';
import type { RawAppSubscription, ShopifyAppSubscription } from './app-subscription';
import { toAppSubscription } from './app-subscription';

/**
 * The shop's active subscriptions (`currentAppInstallation.activeSubscriptions`
 * through the library's billing.subscriptions): refresh status and
 * `currentPeriodEnd` while the token is valid.
 */
export type ReadActiveSubscriptions = (params: { session: ShopSession }) => Promise<ShopifyAppSubscription[]>;

export function createReadActiveSubscriptions(shopify: Shopify): ReadActiveSubscriptions {
  return async ({ session }) => {
    try {
      const { activeSubscriptions } = await shopify.billing.subscriptions({
        session: toLibrarySession(session),
      });
      return activeSubscriptions.map(toAppSubscription);
    } catch (error) {
      throw toShopifyAdapterError(error, { operation: 'read subscriptions', shop: session.shop });
    }
  };
}

const SUBSCRIPTION_QUERY = `#graphql
  query AppSubscriptionById($id: ID!) {
    node(id: $id) {
      ... on AppSubscription { id name status test trialDays createdAt currentPeriodEnd }
    }
  }
`;

/** One subscription by id, whatever its status (PENDING, DECLINED, CANCELLED … are not "active"); null when unknown. */
export type ReadSubscription = (params: {
  session: ShopSession;
  subscriptionId: string;
}) => Promise<ShopifyAppSubscription | null>;

export function createReadSubscription(adminGraphql: AdminGraphql): ReadSubscription {
  return async ({ session, subscriptionId }) => {
    const data = await adminGraphql<{ node: RawAppSubscription | Record<string, never> | null }>({
      session,
      query: SUBSCRIPTION_QUERY,
      variables: { id: subscriptionId },
      operation: 'read subscription',
    });
    return data.node && 'id' in data.node ? toAppSubscription(data.node as RawAppSubscription) : null;
  };
}
