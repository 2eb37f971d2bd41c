import express, { Router } from 'express';
import type { Request, Response } from 'express';
import type { PlatformOrder } from '@dropship/core';
import { ingestOrder } from '@dropship/lifecycle';
import {
  WooWebhookTopics,
  classifyWooWebhook,
  parseOrderCreated,
  parseProductDeleted,
  verifyWooSignature,
  WOO_WEBHOOK_PATH,
  wooGmtToDate,
} from '@dropship/woocommerce';
import type { OrderCreatedPayload } from '@dropship/woocommerce';
import { bodyBytesOf } from '../http/body-parsers';
import type { ServerDeps } from '../server-deps';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';

function toPlatformOrder({ order, createdAt }: OrderCreatedPayload): PlatformOrder {
  return {
    platformOrderId: String(order.id),
    name: `#${order.number ?? order.id}`,
    createdAt: createdAt ?? wooGmtToDate(order.date_modified_gmt) ?? new Date(0),
    status: order.status,
    lines: order.line_items.map((line) => ({
      sku: line.sku ? line.sku : null,
      quantity: line.quantity,
      platformProductId: line.product_id > 0 ? String(line.product_id) : null,
    })),
  };
}

type Effect = { outcome: string };

async function applyDelivery(
  deps: ServerDeps,
  storeId: string,
  topic: string,
  rawBody: Buffer,
  correlationId: string,
): Promise<Effect> {
  if (topic === WooWebhookTopics.orderCreated) {
    const parsed = parseOrderCreated(rawBody);
    if (!parsed.ok) return { outcome: 'invalid_payload' };
    const result = await ingestOrder(deps, {
      storeId,
      order: toPlatformOrder(parsed.value),
      via: 'webhook',
      correlationId,
    });
    return { outcome: `order_${result.status}` };
  }
  if (topic === WooWebhookTopics.productDeleted) {
    const parsed = parseProductDeleted(rawBody);
    if (!parsed.ok) return { outcome: 'invalid_payload' };
    const removed = await deps.repos.publishedProducts.markRemoved(
      storeId,
      String(parsed.value.productId),
      deps.clock.now(),
    );
    return { outcome: removed ? 'product_removed' : 'product_not_in_ledger' };
  }
  return { outcome: 'topic_ignored' };
}

/**
 * `POST /webhooks/woocommerce/:storeId`: the creation ping (unsigned, form-encoded)
 * gets 200; a delivery is verified over its raw bytes with the store's webhook
 * secret, applied once per delivery id, and answered 200 even when it carries
 * nothing for us: WooCommerce disables a webhook after repeated failures.
 */
async function receive(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const rawBody = bodyBytesOf(req);
  const kind = classifyWooWebhook({ headers: req.headers, rawBody });
  if (kind.kind === 'ping') {
    res.status(200).json({ ok: true, ping: true });
    return;
  }
  const storeId = String(req.params.storeId);
  const link = await deps.repos.wooStores.findByStore(storeId);
  if (
    kind.kind === 'invalid' ||
    !link ||
    !verifyWooSignature(rawBody, kind.kind === 'delivery' ? kind.signature : undefined, link.webhookSecret)
  ) {
    const status = kind.kind === 'invalid' ? 400 : link ? 401 : 404;
    const reason = kind.kind === 'invalid' ? kind.reason : link ? 'bad_signature' : 'unknown_store';
    req.log.setBindings({ wooWebhookRefusal: reason });
    // Unverified: the claimed topic is not trusted as a label value.
    recordWebhookOutcome({
      channel: 'woocommerce',
      topic: 'unverified',
      outcome: WebhookOutcomes.rejected,
      reason,
    });
    res.status(status).json({
      error: status === 404 ? 'unknown_store' : status === 401 ? 'bad_signature' : 'invalid_request',
    });
    return;
  }
  if (await deps.repos.wooStores.hasWebhookDelivery(storeId, kind.deliveryId)) {
    recordWebhookOutcome({ channel: 'woocommerce', topic: kind.topic, outcome: WebhookOutcomes.duplicate });
    res.status(200).json({ ok: true, duplicate: true });
    return;
  }
  const effect = await applyDelivery(deps, storeId, kind.topic, rawBody, req.id as string);
  await deps.repos.wooStores.recordWebhookDelivery(storeId, kind.deliveryId, kind.topic, deps.clock.now());
  req.log.setBindings({ wooWebhook: { topic: kind.topic, outcome: effect.outcome } });
  if (effect.outcome === 'invalid_payload') {
    // Signed by the store but not the topic's JSON: recorded (as a handled delivery, so a
    // redelivery of the same bytes is a duplicate) and refused, as for every other sender.
    recordWebhookOutcome({
      channel: 'woocommerce',
      topic: kind.topic,
      outcome: WebhookOutcomes.rejected,
      reason: 'malformed_body',
    });
    res.status(400).json({
      error: 'invalid_payload',
      message: `The ${kind.topic} body is not valid JSON for that topic.`,
    });
    return;
  }
  recordWebhookOutcome({ channel: 'woocommerce', topic: kind.topic, outcome: WebhookOutcomes.accepted });
  res.status(200).json({ ok: true, duplicate: false, outcome: effect.outcome });
}

export function webhookRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(WOO_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), (req, res) =>
    receive(deps, req, res),
  );
  return router;
}
