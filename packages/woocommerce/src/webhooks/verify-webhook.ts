import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../shared/constant-time';
import { rawBodyToBuffer, readHeader } from '../shared/headers';
import type { HeaderBag, RawBody } from '../shared/headers';

/** Headers WC_Webhook::deliver() adds to every delivery. */
export const WooWebhookHeaders = {
  source: 'x-wc-webhook-source',
  topic: 'x-wc-webhook-topic',
  resource: 'x-wc-webhook-resource',
  event: 'x-wc-webhook-event',
  signature: 'x-wc-webhook-signature',
  id: 'x-wc-webhook-id',
  deliveryId: 'x-wc-webhook-delivery-id',
} as const;

export const WooWebhookTopics = {
  orderCreated: 'order.created',
  orderUpdated: 'order.updated',
  productDeleted: 'product.deleted',
  productUpdated: 'product.updated',
} as const;

export interface ClassifyWooWebhookParams {
  headers: HeaderBag;
  rawBody: RawBody;
  /** The request's Content-Type; read from `headers` when omitted. */
  contentType?: string;
}

export type WooWebhookInvalidReason =
  'missing_headers' | 'unexpected_content_type' | 'topic_mismatch' | 'bad_webhook_id';

export type WooWebhookClassification =
  | { kind: 'ping'; webhookId: number }
  | {
      kind: 'delivery';
      topic: string;
      resource: string;
      event: string;
      webhookId: number;
      deliveryId: string;
      /** The site's home URL with its trailing slash, as `home_url('/')` gives it. */
      source: string;
      signature: string;
    }
  | { kind: 'invalid'; reason: WooWebhookInvalidReason };

const PING_BODY = /^webhook_id=(\d+)$/;

/**
 * Tells WooCommerce's creation ping (form-encoded `webhook_id=N`, unsigned, must
 * get 200) from a signed delivery. Does not check the signature: look up the
 * webhook's secret (by source / webhook id), then call `verifyWooSignature`.
 */
export function classifyWooWebhook(params: ClassifyWooWebhookParams): WooWebhookClassification {
  const contentType = (params.contentType ?? readHeader(params.headers, 'content-type') ?? '').toLowerCase();
  const signature = readHeader(params.headers, WooWebhookHeaders.signature);
  if (!signature) {
    // WC_Webhook::deliver_ping() posts a string body; the HTTP transport labels it form-encoded.
    const ping = PING_BODY.exec(rawBodyToBuffer(params.rawBody).toString('utf8').trim());
    if (ping && (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))) {
      return { kind: 'ping', webhookId: Number(ping[1]) };
    }
    return { kind: 'invalid', reason: 'missing_headers' };
  }
  const topic = readHeader(params.headers, WooWebhookHeaders.topic);
  const resource = readHeader(params.headers, WooWebhookHeaders.resource);
  const event = readHeader(params.headers, WooWebhookHeaders.event);
  const id = readHeader(params.headers, WooWebhookHeaders.id);
  const deliveryId = readHeader(params.headers, WooWebhookHeaders.deliveryId);
  const source = readHeader(params.headers, WooWebhookHeaders.source);
  if (!topic || !resource || !event || !id || !deliveryId || !source)
    return { kind: 'invalid', reason: 'missing_headers' };
  if (!contentType.startsWith('application/json'))
    return { kind: 'invalid', reason: 'unexpected_content_type' };
  if (topic !== `${resource}.${event}`) return { kind: 'invalid', reason: 'topic_mismatch' };
  if (!/^\d+$/.test(id)) return { kind: 'invalid', reason: 'bad_webhook_id' };
  return { kind: 'delivery', topic, resource, event, webhookId: Number(id), deliveryId, source, signature };
}

/** base64(HMAC-SHA256(secret, raw body)), as WC_Webhook::generate_signature() computes it. */
export function computeWooSignature(rawBody: RawBody, secret: string): string {
  return createHmac('sha256', secret).update(rawBodyToBuffer(rawBody)).digest('base64');
}

/** Checks X-WC-Webhook-Signature against the raw body bytes, in constant time. */
export function verifyWooSignature(rawBody: RawBody, signature: string | undefined, secret: string): boolean {
  if (!signature || !secret) return false;
  return constantTimeEqual(computeWooSignature(rawBody, secret), signature.trim());
}
