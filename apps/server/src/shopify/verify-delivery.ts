import { ErrorKinds } from '@dropship/core';
import { verifyShopifyWebhook } from '@dropship/shopify';
import type { VerifiedWebhook } from '@dropship/shopify';
import { ServerError } from '../errors';
import type { EndpointRequest } from '../http/lane';

/** A delivery whose signature matched: the signed headers, the exact bytes, and the request's id. */
export interface WebhookDelivery {
  webhook: VerifiedWebhook;
  rawBody: Buffer;
  /** The request id: events, audit entries and jobs the delivery causes carry it. */
  correlationId: string;
}

const rejections = {
  missing_headers: (missing: readonly string[]) =>
    new ServerError(
      ErrorKinds.invalidInput,
      `Not a Shopify webhook delivery: missing header(s) ${missing.join(', ')}.`,
    ),
  invalid_hmac: () =>
    new ServerError(
      ErrorKinds.unauthorized,
      'The webhook signature does not match: X-Shopify-Hmac-Sha256 must be the base64 HMAC-SHA256 of the raw body with the app secret.',
    ),
  invalid_shop_domain: () =>
    new ServerError(ErrorKinds.invalidInput, 'X-Shopify-Shop-Domain is not a <name>.myshopify.com domain.'),
};

/**
 * Authenticates a Shopify webhook before anything reads its body: the raw
 * bytes, the HMAC in constant time, the signed shop domain, and the topic the
 * route expects. Missing headers throw a 400, a bad signature a 401; nothing
 * is looked up first, so neither reveals whether the shop exists. The
 * request's one log line carries the reason.
 */
export function verifyDelivery(
  secret: string,
  expectedTopics: readonly string[],
  request: EndpointRequest,
): WebhookDelivery {
  const result = verifyShopifyWebhook({ rawBody: request.body, headers: request.headers, secret });
  if (!result.valid) {
    throw result.reason === 'missing_headers'
      ? rejections.missing_headers(result.missing ?? [])
      : rejections[result.reason]();
  }
  if (!expectedTopics.includes(result.webhook.topic)) {
    throw new ServerError(
      ErrorKinds.invalidInput,
      `Topic ${result.webhook.topic} is not delivered to ${request.path} (expected ${expectedTopics.join(', ')}); check the uri in shopify.app.toml.`,
    );
  }
  return { webhook: result.webhook, rawBody: request.body, correlationId: request.id };
}
