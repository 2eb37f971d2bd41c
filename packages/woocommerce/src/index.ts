/**
 * @dropship/woocommerce: everything the platform needs to talk to WooCommerce
 * stores and to the WordPress bridge plugin.
 */
export { WooConnectorError, isWooConnectorError } from './errors';
export type { WooErrorDetails } from './errors';

export type { HeaderBag, RawBody } from './shared/headers';

export {
  BridgeHeaders,
  BRIDGE_SIGNATURE_PREFIX,
  BRIDGE_MAX_BODY_BYTES,
  BRIDGE_DEFAULT_TOLERANCE_SECONDS,
  BRIDGE_REPLAY_WINDOW_MS,
  bridgeCanonicalString,
  computeBridgeSignature,
} from './bridge/canonical-string';
export type { CanonicalStringParams } from './bridge/canonical-string';
export { signBridgeRequest } from './bridge/sign-request';
export type { SignBridgeRequestParams, SignBridgeRequestResult } from './bridge/sign-request';
export { BridgeRejections, parseBridgeHeaders, verifyBridgeRequest } from './bridge/verify-request';
export type {
  BridgeHeaderValues,
  BridgeRejection,
  ParseBridgeHeadersResult,
  VerifyBridgeRequestParams,
  VerifyBridgeRequestResult,
} from './bridge/verify-request';
export {
  BridgeEventTypes,
  bridgeBodySchemas,
  connectClaimBodySchema,
  connectCodeBodySchema,
  connectStartBodySchema,
  heartbeatBodySchema,
  lifecycleEventBodySchema,
  parseBridgeBody,
} from './bridge/schemas';
export type {
  BridgeBody,
  BridgeBodyKind,
  BridgeEventType,
  ConnectClaimBody,
  ConnectCodeBody,
  ConnectStartBody,
  HeartbeatBody,
  LifecycleEventBody,
  ParseBridgeBodyResult,
} from './bridge/schemas';
export { BridgePaths, createBridgeClient } from './bridge/bridge-client';
export type { BridgeClient, BridgeClientOptions, BridgeResponse } from './bridge/bridge-client';

export { buildAuthorizeUrl, WOO_APP_NAME, WOO_KEY_SCOPE } from './auth/build-authorize-url';
export type { BuildAuthorizeUrlParams } from './auth/build-authorize-url';
export { ConnectStateRejections, createConnectState, verifyConnectState } from './auth/connect-state';
export type {
  ConnectStateRejection,
  ConnectStateValue,
  VerifyConnectStateResult,
} from './auth/connect-state';
export { parseKeyCallback } from './auth/parse-key-callback';
export type { ParseKeyCallbackResult, WooKeyCallback } from './auth/parse-key-callback';

export { createWooClient, WOO_MAX_PER_PAGE } from './rest/create-woo-client';
export type {
  ListOrdersParams,
  ListProductsParams,
  WooClient,
  WooClientOptions,
} from './rest/create-woo-client';
export { WooErrorCodes } from './rest/classify-failure';
export {
  WooOrderStatuses,
  WooProductStatuses,
  wooGmtToDate,
  wooLineItemSchema,
  wooOrderSchema,
  wooProductSchema,
  wooWebhookSchema,
} from './rest/resources';
export type {
  WooLineItem,
  WooOrder,
  WooOrderStatus,
  WooPage,
  WooProduct,
  WooProductStatus,
  WooWebhook,
  WooWebhookInput,
} from './rest/resources';
export {
  ensureWooWebhooks,
  WOO_WEBHOOK_PATH,
  WOO_WEBHOOK_TOPICS,
  wooWebhookDeliveryUrl,
} from './rest/ensure-webhooks';
export type { EnsureWooWebhooksParams, EnsureWooWebhooksResult } from './rest/ensure-webhooks';
export {
  checkPublishedProducts,
  presenceOfWooStatus,
  WooProductPresence,
} from './rest/check-published-products';
export type {
  CheckPublishedProductsOptions,
  LedgerProductRef,
  ProductCheck,
} from './rest/check-published-products';

export {
  WooWebhookHeaders,
  WooWebhookTopics,
  classifyWooWebhook,
  computeWooSignature,
  verifyWooSignature,
} from './webhooks/verify-webhook';
export type {
  ClassifyWooWebhookParams,
  WooWebhookClassification,
  WooWebhookInvalidReason,
} from './webhooks/verify-webhook';
export { parseOrderCreated, parseProductDeleted } from './webhooks/parse-payloads';
export type { OrderCreatedPayload, ParsePayloadResult } from './webhooks/parse-payloads';

export { createWooStorePlatform, wooProductAdminUrl } from './store-platform';
export type { WooStoreConnection, WooStorePlatform, WooStorePlatformOptions } from './store-platform';
