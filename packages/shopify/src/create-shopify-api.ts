// The node adapter must be loaded before the library is used: it installs fetch and the request converters.
import '@shopify/shopify-api/adapters/node';

import type { Shopify } from '@shopify/shopify-api';
import { LogSeverity, shopifyApi } from '@shopify/shopify-api';

import { createAdminGraphql } from './admin/admin-graphql';
import type { AdminGraphql } from './admin/admin-graphql';
import { routeAdminApiTo } from './admin/route-admin-api';
import { createBeginInstall } from './auth/begin-install';
import type { BeginInstall } from './auth/begin-install';
import { createCompleteInstall } from './auth/complete-install';
import type { CompleteInstall } from './auth/complete-install';
import { createExchangeSessionToken } from './auth/exchange-session-token';
import type { ExchangeSessionToken } from './auth/exchange-session-token';
import { createSanitizeShop } from './auth/sanitize-shop';
import type { SanitizeShop } from './auth/sanitize-shop';
import { createVerifySessionToken } from './auth/verify-session-token';
import type { VerifySessionToken } from './auth/verify-session-token';
import { createCancelSubscription } from './billing/cancel-subscription';
import type { CancelSubscription } from './billing/cancel-subscription';
import { toLibraryBillingConfig } from './billing/plan';
import { createReadActiveSubscriptions, createReadSubscription } from './billing/read-subscriptions';
import type { ReadActiveSubscriptions, ReadSubscription } from './billing/read-subscriptions';
import { createRequestSubscription } from './billing/request-subscription';
import type { RequestSubscription } from './billing/request-subscription';
import type { ShopifyAdapterOptions, ShopifyLogLevel, ResolvedShopifyOptions } from './options';
import { resolveShopifyOptions } from './options';
import { createListOrdersPage, createListOrdersSince } from './orders/list-orders';
import type { ListOrdersPage, ListOrdersSince } from './orders/list-orders';
import { createPublishProduct } from './products/publish-product';
import type { PublishProduct } from './products/publish-product';

/** The configured library plus the adapter's operations; build it once in the composition root. */
export interface ShopifyAdapter {
  /** The @shopify/shopify-api instance, for what the adapter does not wrap. */
  library: Shopify;
  options: ResolvedShopifyOptions;
  sanitizeShop: SanitizeShop;
  beginInstall: BeginInstall;
  completeInstall: CompleteInstall;
  exchangeSessionToken: ExchangeSessionToken;
  verifySessionToken: VerifySessionToken;
  adminGraphql: AdminGraphql;
  billing: {
    request: RequestSubscription;
    readActive: ReadActiveSubscriptions;
    read: ReadSubscription;
    cancel: CancelSubscription;
  };
  products: { publish: PublishProduct };
  orders: { listPage: ListOrdersPage; listSince: ListOrdersSince };
}

const levels: Record<LogSeverity, ShopifyLogLevel> = {
  [LogSeverity.Error]: 'error',
  [LogSeverity.Warning]: 'warning',
  [LogSeverity.Info]: 'info',
  [LogSeverity.Debug]: 'debug',
};

function createLibrary(options: ResolvedShopifyOptions): Shopify {
  const log = options.log;
  return shopifyApi({
    apiKey: options.apiKey,
    apiSecretKey: options.apiSecret,
    scopes: [...options.scopes],
    hostName: options.hostName,
    hostScheme: options.hostScheme,
    apiVersion: options.apiVersion,
    isEmbeddedApp: true,
    userAgentPrefix: 'Dropship Connect',
    billing: toLibraryBillingConfig(options.billing),
    logger: log
      ? { level: LogSeverity.Debug, log: (severity, message) => log(levels[severity], message) }
      : { level: LogSeverity.Warning },
  }) as unknown as Shopify;
}

/**
 * Validates the options, configures @shopify/shopify-api 13 (embedded app,
 * offline tokens, the recurring plan) and returns the adapter's operations.
 * Throws INVALID_INPUT listing every bad option.
 */
export function createShopifyApi(input: ShopifyAdapterOptions): ShopifyAdapter {
  const options = resolveShopifyOptions(input);
  if (options.adminApiOrigin !== null) routeAdminApiTo(options.adminApiOrigin);
  const library = createLibrary(options);
  const sanitizeShop = createSanitizeShop(library);
  const adminGraphql = createAdminGraphql(library);
  const listPage = createListOrdersPage(adminGraphql);
  return {
    library,
    options,
    sanitizeShop,
    beginInstall: createBeginInstall(library, sanitizeShop, options.callbackPath),
    completeInstall: createCompleteInstall(library),
    exchangeSessionToken: createExchangeSessionToken(library),
    verifySessionToken: createVerifySessionToken(library, sanitizeShop),
    adminGraphql,
    billing: {
      request: createRequestSubscription(library, options.billing),
      readActive: createReadActiveSubscriptions(library),
      read: createReadSubscription(adminGraphql),
      cancel: createCancelSubscription(library, options.billing.test),
    },
    products: { publish: createPublishProduct(adminGraphql) },
    orders: { listPage, listSince: createListOrdersSince(listPage) },
  };
}
