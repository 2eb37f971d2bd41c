import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header values as node / express hand them over (names lowercased), or any casing. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyShopifyWebhookParams {
  /** The body exactly as received: parsing JSON first breaks the signature. */
  rawBody: Buffer;
  headers: WebhookHeaders;
  /** The app's client secret. */
  secret: string;
}

export interface VerifiedWebhook {
  /** `app/uninstalled`, `orders/create`, … as Shopify writes it. */
  topic: string;
  /** From the signed header, never from the body (the body's shop fields may be null). */
  shopDomain: string;
  /** One per delivery and the same across retries: the deduplication key. */
  webhookId: string;
  /** Shared by deliveries caused by one merchant action; not unique per delivery. */
  eventId: string | null;
  /** When Shopify fired the event; orders an uninstall against the latest install. */
  triggeredAt: Date | null;
  apiVersion: string;
  name: string | null;
}

export type WebhookRejectionReason = 'missing_headers' | 'invalid_hmac' | 'invalid_shop_domain';

export type VerifyShopifyWebhookResult =
  | { valid: true; webhook: VerifiedWebhook }
  | { valid: false; reason: WebhookRejectionReason; missing?: string[] };

/** Names without the `X-` prefix; the newer "events" deliveries send them so. */
export const WebhookHeaderNames = {
  hmac: 'shopify-hmac-sha256',
  topic: 'shopify-topic',
  shopDomain: 'shopify-shop-domain',
  apiVersion: 'shopify-api-version',
  webhookId: 'shopify-webhook-id',
  eventId: 'shopify-event-id',
  triggeredAt: 'shopify-triggered-at',
  name: 'shopify-name',
} as const;

const REQUIRED = ['hmac', 'topic', 'shopDomain', 'apiVersion', 'webhookId'] as const;

/** The format Shopify gives every shop; anything else is not a Shopify delivery. */
export const SHOP_DOMAIN_PATTERN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function lowercaseHeaders(headers: WebhookHeaders): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.length > 0) map.set(name.toLowerCase(), first);
  }
  return map;
}

/** Reads `x-shopify-<name>` or `shopify-<name>`, whichever is present. */
function readHeader(headers: Map<string, string>, name: string): string | undefined {
  return headers.get(`x-${name}`) ?? headers.get(name);
}

function signatureMatches(rawBody: Buffer, secret: string, received: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(received, 'base64');
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseTriggeredAt(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Authenticates a webhook delivery: every required header present, the HMAC
 * (base64 HMAC-SHA256 of the raw body with the app secret) equal in constant
 * time, the shop domain well formed. Nothing of the body is read before the
 * signature matches. A failure is a value: answer 401 to it.
 */
export function verifyShopifyWebhook({
  rawBody,
  headers,
  secret,
}: VerifyShopifyWebhookParams): VerifyShopifyWebhookResult {
  const lower = lowercaseHeaders(headers);
  const values = Object.fromEntries(
    Object.entries(WebhookHeaderNames).map(([key, name]) => [key, readHeader(lower, name)]),
  ) as Record<keyof typeof WebhookHeaderNames, string | undefined>;

  const missing = REQUIRED.filter((key) => values[key] === undefined).map(
    (key) => `x-${WebhookHeaderNames[key]}`,
  );
  if (missing.length > 0) return { valid: false, reason: 'missing_headers', missing };

  if (!signatureMatches(rawBody, secret, values.hmac as string))
    return { valid: false, reason: 'invalid_hmac' };

  const shopDomain = (values.shopDomain as string).trim().toLowerCase();
  if (!SHOP_DOMAIN_PATTERN.test(shopDomain)) return { valid: false, reason: 'invalid_shop_domain' };

  return {
    valid: true,
    webhook: {
      topic: values.topic as string,
      shopDomain,
      webhookId: values.webhookId as string,
      eventId: values.eventId ?? null,
      triggeredAt: parseTriggeredAt(values.triggeredAt),
      apiVersion: values.apiVersion as string,
      name: values.name ?? null,
    },
  };
}
