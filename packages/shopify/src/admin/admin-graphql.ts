import { ErrorKinds } from '@dropship/core';
import type { Shopify } from '@shopify/shopify-api';

import type { ShopSession } from '../auth/shop-session';
import { toLibrarySession } from '../auth/shop-session';
import { ShopifyAdapterError, toShopifyAdapterError } from '../errors';

export interface AdminGraphqlParams {
  session: ShopSession;
  query: string;
  variables?: Record<string, unknown>;
  /** Named in errors: `publish product`, `list orders`, … */
  operation: string;
}

/** One Admin GraphQL request with the library's client; every failure becomes a ShopifyAdapterError. */
export type AdminGraphql = <T>(params: AdminGraphqlParams) => Promise<T>;

export function createAdminGraphql(shopify: Shopify): AdminGraphql {
  return async <T>({ session, query, variables, operation }: AdminGraphqlParams): Promise<T> => {
    const client = new shopify.clients.Graphql({ session: toLibrarySession(session) });
    let data: T | undefined;
    try {
      const response = await client.request<T>(query, variables ? { variables } : {});
      data = response.data as T | undefined;
    } catch (error) {
      throw toShopifyAdapterError(error, { operation, shop: session.shop });
    }
    if (data === undefined || data === null) {
      throw new ShopifyAdapterError(
        ErrorKinds.unavailable,
        `Shopify returned no data for ${operation} on ${session.shop}; retry later.`,
        {
          operation,
          shop: session.shop,
        },
      );
    }
    return data;
  };
}

/** Fails with the mutation's userErrors, which say what Shopify refused. */
export function throwOnUserErrors(
  userErrors: ReadonlyArray<{ field?: readonly string[] | null; message: string }> | undefined,
  operation: string,
  shop: string,
): void {
  if (!userErrors || userErrors.length === 0) return;
  const text = userErrors
    .map((error) => (error.field?.length ? `${error.field.join('.')}: ${error.message}` : error.message))
    .join('; ');
  throw new ShopifyAdapterError(ErrorKinds.invalidInput, `Shopify refused ${operation} on ${shop}: ${text}`, {
    operation,
    shop,
    userErrors,
  });
}
