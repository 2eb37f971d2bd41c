/**
 * A local stand-in for a WooCommerce store: the `/wp-json/wc/v3` REST API
 * (products, orders) with WooCommerce's authentication, pagination headers and
 * error bodies, switches for hostile hosts, and a webhook sender.
 */
export { startWooStandIn } from './server';
export type { StandInRequestRecord, WooStandIn, WooStandInOptions } from './server';
export type { OrderInput, ProductInput } from './fixtures';
export type { KeyPermissions, StandInOrder, StandInOrderLine, StandInProduct, StandInWebhook } from './state';
export { deliverWooWebhook, phpJsonEncode, sendWooWebhookPing } from './webhooks';
export type { DeliverWooWebhookParams, WebhookSendResult } from './webhooks';
export { checkOAuthSignature, parseOAuthHeader, wcRestUrlencodeRfc3986 } from './oauth1';
export { standInTls } from './tls';
