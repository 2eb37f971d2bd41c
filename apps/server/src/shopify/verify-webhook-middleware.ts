import type { RequestHandler, Response } from 'express';
import { ErrorKinds } from '@dropship/core';
import { verifyShopifyWebhook } from '@dropship/shopify';
import type { VerifiedWebhook } from '@dropship/shopify';
import { ServerError } from '../errors';
import { rawBodyOf } from '../http/body-parsers';

/** A delivery whose signature matched: the signed headers and the exact bytes. */
export interface VerifiedDelivery {
  webhook: VerifiedWebhook;
  rawBody: Buffer;
}

const LOCALS_KEY = 'shopifyDelivery';

/** The delivery verifyWebhook attached to the response; only handlers mounted after it call this. */
export function deliveryOf(res: Response): VerifiedDelivery {
  const delivery = res.locals[LOCALS_KEY] as VerifiedDelivery | undefined;
  if (!delivery) throw new Error('verifyWebhook must run before a Shopify webhook handler.');
  return delivery;
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
 * bytes (body-parsers keeps them for /webhooks/*), the HMAC in constant time,
 * the signed shop domain, and the topic the route expects. Missing headers
 * answer 400, a bad signature 401; nothing is looked up first, so neither
 * reveals whether the shop exists. The request's one log line carries the reason.
 */
export function verifyWebhook(secret: string, expectedTopics: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const rawBody = rawBodyOf(req) ?? Buffer.alloc(0);
    const result = verifyShopifyWebhook({ rawBody, headers: req.headers, secret });
    if (!result.valid) {
      next(
        result.reason === 'missing_headers'
          ? rejections.missing_headers(result.missing ?? [])
          : rejections[result.reason](),
      );
      return;
    }
    if (!expectedTopics.includes(result.webhook.topic)) {
      next(
        new ServerError(
          ErrorKinds.invalidInput,
          `Topic ${result.webhook.topic} is not delivered to ${req.path} (expected ${expectedTopics.join(', ')}); check the uri in shopify.app.toml.`,
        ),
      );
      return;
    }
    res.locals[LOCALS_KEY] = { webhook: result.webhook, rawBody } satisfies VerifiedDelivery;
    next();
  };
}
