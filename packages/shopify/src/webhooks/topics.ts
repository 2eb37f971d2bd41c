import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type { z } from 'zod';

import {
  appSubscriptionUpdateSchema,
  customersDataRequestSchema,
  customersRedactSchema,
  orderCreateSchema,
  productDeleteSchema,
  shopPayloadSchema,
  shopRedactSchema,
} from './payload-schemas';
import type {
  AppSubscriptionUpdatePayload,
  CustomersDataRequestPayload,
  CustomersRedactPayload,
  OrderCreatePayload,
  ProductDeletePayload,
  ShopPayload,
  ShopRedactPayload,
} from './payload-schemas';

/** The webhook topics the app subscribes to (shopify.app.toml), as Shopify writes them in `X-Shopify-Topic`. */
export const ShopifyTopics = {
  appUninstalled: 'app/uninstalled',
  appSubscriptionsUpdate: 'app_subscriptions/update',
  productsDelete: 'products/delete',
  ordersCreate: 'orders/create',
  customersDataRequest: 'customers/data_request',
  customersRedact: 'customers/redact',
  shopRedact: 'shop/redact',
} as const;
export type ShopifyTopic = (typeof ShopifyTopics)[keyof typeof ShopifyTopics];

/** The mandatory privacy topics: declared as `compliance_topics`, never subscribed through the API. */
export const ComplianceTopics: readonly ShopifyTopic[] = [
  ShopifyTopics.customersDataRequest,
  ShopifyTopics.customersRedact,
  ShopifyTopics.shopRedact,
];

export interface TopicPayloads {
  'app/uninstalled': ShopPayload;
  'app_subscriptions/update': AppSubscriptionUpdatePayload;
  'products/delete': ProductDeletePayload;
  'orders/create': OrderCreatePayload;
  'customers/data_request': CustomersDataRequestPayload;
  'customers/redact': CustomersRedactPayload;
  'shop/redact': ShopRedactPayload;
}

const schemas: { [T in ShopifyTopic]: z.ZodType<TopicPayloads[T], unknown> } = {
  'app/uninstalled': shopPayloadSchema,
  'app_subscriptions/update': appSubscriptionUpdateSchema,
  'products/delete': productDeleteSchema,
  'orders/create': orderCreateSchema,
  'customers/data_request': customersDataRequestSchema,
  'customers/redact': customersRedactSchema,
  'shop/redact': shopRedactSchema,
};

export type ParsePayloadResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return Object.prototype.hasOwnProperty.call(schemas, topic);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * A number written with more than 15 digits, or with an exponent, may not
 * survive a double; one with at most 15 always does (IEEE 754's 15-digit
 * guarantee). A JSON number follows `:`, `,` or `[`; the same text inside a
 * string (rare) only costs the slow path, while a domain such as
 * `b3e5.myshopify.com` does not.
 */
const MAYBE_UNSAFE_NUMBER = /[:,[]\s*-?(?:\d(?:\.?\d){15}|\d+(?:\.\d+)?[eE])/;

/**
 * Shopify's REST ids are 64-bit: the documented samples hold ids above 2^53,
 * which JSON.parse would round. Unsafe numbers are kept as their digits. A body
 * without any (most of them: ids today stay under 2^53) goes through JSON.parse,
 * six times faster than the digit-preserving parser on the documented Shop
 * resource. One difference: a name repeated in one object keeps its last value
 * there (JSON.parse's rule), where the digit-preserving parser refuses the body.
 */
function parseJson(text: string): unknown {
  if (!MAYBE_UNSAFE_NUMBER.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // The digit-preserving parser names the error more precisely.
    }
  }
  return parseLossless(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}

/**
 * Parses a verified webhook body for its topic. Returns a typed value, or a
 * readable error naming the offending fields (the delivery should then be
 * recorded as rejected, not retried: Shopify resends the same payload).
 */
export function parseTopicPayload<T extends ShopifyTopic>(
  topic: T,
  body: Buffer | string | unknown,
): ParsePayloadResult<TopicPayloads[T]> {
  let json: unknown = body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      json = parseJson(body.toString());
    } catch (error) {
      return { ok: false, error: `${topic} body is not JSON: ${(error as Error).message}` };
    }
  }
  const parsed = schemas[topic].safeParse(json);
  if (!parsed.success)
    return { ok: false, error: `${topic} payload does not match: ${describeIssues(parsed.error)}` };
  return { ok: true, value: parsed.data };
}
