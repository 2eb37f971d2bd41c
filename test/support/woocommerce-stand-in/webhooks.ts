import { createHmac, randomBytes } from 'node:crypto';

const USER_AGENT = 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)';

/**
 * PHP's json_encode() defaults, as wp_json_encode() uses them: `/` escaped as `\/`,
 * non-ASCII as `\uXXXX`. The signature covers these exact bytes.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface DeliverWooWebhookParams {
  deliveryUrl: string;
  secret: string;
  /** `order.created`, `product.deleted`, …: resource and event are read from it. */
  topic: string;
  payload: unknown;
  webhookId: number;
  /** The site's home URL; sent with a trailing slash as `home_url('/')` gives it. */
  siteUrl: string;
  deliveryId?: string;
  /** Overrides the computed signature (to send a wrong one). */
  signature?: string;
}

export interface WebhookSendResult {
  status: number;
  responseBody: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** Sends one delivery exactly as WC_Webhook::deliver() does: JSON body, X-WC-Webhook-* headers, HMAC-SHA256 signature. */
export async function deliverWooWebhook(params: DeliverWooWebhookParams): Promise<WebhookSendResult> {
  const rawBody = phpJsonEncode(params.payload).trim();
  const [resource = '', ...eventParts] = params.topic.split('.');
  const headers: Record<string, string> = {
    'User-Agent': USER_AGENT,
    'Content-Type': 'application/json',
    'X-WC-Webhook-Source': `${params.siteUrl.replace(/\/+$/, '')}/`,
    'X-WC-Webhook-Topic': params.topic,
    'X-WC-Webhook-Resource': resource,
    'X-WC-Webhook-Event': eventParts.join('.'),
    'X-WC-Webhook-Signature':
      params.signature ?? createHmac('sha256', params.secret).update(rawBody).digest('base64'),
    'X-WC-Webhook-ID': String(params.webhookId),
    // wp_hash( id . time ): an md5-length hex string.
    'X-WC-Webhook-Delivery-ID': params.deliveryId ?? randomBytes(16).toString('hex'),
  };
  const response = await fetch(params.deliveryUrl, {
    method: 'POST',
    headers,
    body: rawBody,
    redirect: 'manual',
  });
  return { status: response.status, responseBody: await response.text(), headers, rawBody };
}

/** Sends the creation ping of WC_Webhook::deliver_ping(): form-encoded `webhook_id=N`, no signature; WooCommerce wants 200. */
export async function sendWooWebhookPing(params: {
  deliveryUrl: string;
  webhookId: number;
}): Promise<WebhookSendResult> {
  const rawBody = `webhook_id=${params.webhookId}`;
  const headers = { 'User-Agent': USER_AGENT, 'Content-Type': 'application/x-www-form-urlencoded' };
  const response = await fetch(params.deliveryUrl, {
    method: 'POST',
    headers,
    body: rawBody,
    redirect: 'manual',
  });
  return { status: response.status, responseBody: await response.text(), headers, rawBody };
}
