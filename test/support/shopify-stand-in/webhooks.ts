import { createHmac, randomUUID } from 'node:crypto';

/** Base64 HMAC-SHA256 of the exact body bytes with the app secret: `X-Shopify-Hmac-Sha256`. */
export function signWebhook(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export interface DeliverWebhookParams {
  url: string;
  topic: string;
  shop: string;
  /** An object is sent as JSON; a string or Buffer byte for byte. */
  body: unknown;
  secret: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: Date | string;
  apiVersion?: string;
  /** Send the newer un-prefixed names (`shopify-topic`, …) instead of `X-Shopify-*`. */
  unprefixed?: boolean;
  /** Replace or drop (undefined) headers after signing, to exercise rejections. */
  overrideHeaders?: Record<string, string | undefined>;
}

export interface DeliverWebhookResult {
  status: number;
  body: string;
  headers: Record<string, string>;
  webhookId: string;
}

/** The headers Shopify sends with a delivery (names as in shopify.dev's delivery structure). */
export function webhookHeaders(
  params: Omit<DeliverWebhookParams, 'url'> & { rawBody: Buffer },
): Record<string, string> {
  const prefix = params.unprefixed ? 'shopify-' : 'X-Shopify-';
  const triggeredAt = params.triggeredAt ?? new Date();
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [`${prefix}Topic`]: params.topic,
    [`${prefix}Hmac-Sha256`]: signWebhook(params.rawBody, params.secret),
    [`${prefix}Shop-Domain`]: params.shop,
    [`${prefix}API-Version`]: params.apiVersion ?? '2026-07',
    [`${prefix}Webhook-Id`]: params.webhookId ?? randomUUID(),
    [`${prefix}Event-Id`]: params.eventId ?? randomUUID(),
    [`${prefix}Triggered-At`]: typeof triggeredAt === 'string' ? triggeredAt : triggeredAt.toISOString(),
  };
  for (const [name, value] of Object.entries(params.overrideHeaders ?? {})) {
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing) delete headers[existing];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

export function toRawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

/** POSTs a signed delivery to the app, as Shopify does, and returns the app's answer. */
export async function deliverWebhook(params: DeliverWebhookParams): Promise<DeliverWebhookResult> {
  const rawBody = toRawBody(params.body);
  const webhookId = params.webhookId ?? randomUUID();
  const headers = webhookHeaders({ ...params, webhookId, rawBody });
  const response = await fetch(params.url, { method: 'POST', headers, body: rawBody, redirect: 'manual' });
  return { status: response.status, body: await response.text(), headers, webhookId };
}
