import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ShopifySessionRecord } from '@dropship/core';
import type { Session, Shopify } from '@shopify/shopify-api';

import { toShopifyAdapterError } from '../errors';
import { sessionToRecord } from './shop-session';

export interface InstallResult {
  /** The library's offline session. */
  session: Session;
  /** The same, as ShopifySessionRepository stores it. */
  record: ShopifySessionRecord;
  shop: string;
  accessToken: string;
  scopes: string[];
}

/**
 * Finishes OAuth on the callback request: checks the HMAC, the state cookie
 * and the timestamp, trades the code for an offline token, clears the state
 * cookie on `res` (headers only: the caller answers). Throws UNAUTHORIZED for
 * a forged, replayed or cookie-less callback.
 */
export type CompleteInstall = (req: IncomingMessage, res: ServerResponse) => Promise<InstallResult>;

export function toInstallResult(session: Session): InstallResult {
  return {
    session,
    record: sessionToRecord(session),
    shop: session.shop,
    accessToken: session.accessToken ?? '',
    scopes: (session.scope ?? '').split(',').filter((scope) => scope.length > 0),
  };
}

export function createCompleteInstall(shopify: Shopify): CompleteInstall {
  return async (req, res) => {
    try {
      const { session } = await shopify.auth.callback({ rawRequest: req, rawResponse: res });
      return toInstallResult(session);
    } catch (error) {
      const shop = new URL(req.url ?? '/', 'http://callback').searchParams.get('shop') ?? undefined;
      throw toShopifyAdapterError(error, { operation: 'complete install', ...(shop ? { shop } : {}) });
    }
  };
}
