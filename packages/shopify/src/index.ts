export { createShopifyApi } from './create-shopify-api';
export type { ShopifyAdapter } from './create-shopify-api';
export { resolveShopifyOptions } from './options';
export type {
  ShopifyAdapterOptions,
  ShopifyPlanOptions,
  ShopifyLogLevel,
  ResolvedShopifyOptions,
} from './options';
export { ShopifyAdapterError, toShopifyAdapterError, REVOKED_TOKEN_MESSAGE } from './errors';

export { verifyShopifyWebhook, WebhookHeaderNames, SHOP_DOMAIN_PATTERN } from './webhooks/verify-webhook';
export type {
  VerifyShopifyWebhookParams,
  VerifyShopifyWebhookResult,
  VerifiedWebhook,
  WebhookHeaders,
  WebhookRejectionReason,
} from './webhooks/verify-webhook';
export { ShopifyTopics, ComplianceTopics, isShopifyTopic, parseTopicPayload } from './webhooks/topics';
export type { ShopifyTopic, TopicPayloads, ParsePayloadResult } from './webhooks/topics';
export type {
  ShopPayload,
  AppSubscriptionUpdatePayload,
  ProductDeletePayload,
  OrderCreatePayload,
  CustomersDataRequestPayload,
  CustomersRedactPayload,
  ShopRedactPayload,
} from './webhooks/payload-schemas';
export { readAppToml, parseAppToml, listAppTomlTopics } from './webhooks/app-toml';
export type { AppToml, AppTomlSubscription } from './webhooks/app-toml';

export type { ShopSession } from './auth/shop-session';
export {
  offlineSessionId,
  toLibrarySession,
  sessionToRecord,
  sessionFromRecord,
  shopSessionFromRecord,
} from './auth/shop-session';
export type { BeginInstall } from './auth/begin-install';
export type { CompleteInstall, InstallResult } from './auth/complete-install';
export type { ExchangeSessionToken, ExchangeSessionTokenParams } from './auth/exchange-session-token';
export type { VerifySessionToken, VerifySessionTokenResult } from './auth/verify-session-token';
export type { SanitizeShop } from './auth/sanitize-shop';
export type { AdminGraphql, AdminGraphqlParams } from './admin/admin-graphql';

export { remainingPaidDays, toLibraryBillingConfig } from './billing/plan';
export { parseShopifySubscriptionStatus, toAppSubscription } from './billing/app-subscription';
export type { ShopifyAppSubscription } from './billing/app-subscription';
export type {
  RequestSubscription,
  RequestSubscriptionParams,
  RequestSubscriptionResult,
} from './billing/request-subscription';
export type { ReadActiveSubscriptions, ReadSubscription } from './billing/read-subscriptions';
export type { CancelSubscription, CancelSubscriptionParams } from './billing/cancel-subscription';

export {
  productAdminUrl,
  productStorefrontUrl,
  numericIdFromGid,
  gidFor,
  storeHandle,
} from './products/product-urls';
export type {
  PublishProduct,
  PublishProductParams,
  ProductToPublish,
  PublishedProductResult,
} from './products/publish-product';

export { orderFromWebhook, orderContainsProducts, platformOrderFromWebhook } from './orders/shopify-order';
export type { ShopifyOrder, ShopifyOrderLineItem, ShopifyOrderCustomer } from './orders/shopify-order';
export { updatedSinceQuery } from './orders/list-orders';
export type {
  ListOrdersPage,
  ListOrdersPageParams,
  ListOrdersPageResult,
  ListOrdersSince,
  ListOrdersSinceParams,
  ListOrdersSinceResult,
} from './orders/list-orders';

export {
  createShopifyStorePlatform,
  createdAfterQuery,
  presenceOfShopifyProduct,
  toProductGid,
  ShopifyProductPresence,
} from './store-platform';
export type { ShopifyStorePlatformOptions, ShopifyProductSnapshot } from './store-platform';
