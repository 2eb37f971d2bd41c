import { ErrorKinds } from '@dropship/core';
import type { AuditRepository, Clock } from '@dropship/core';
import { ServerError } from '../errors';
import type { WebhookDelivery } from './verify-delivery';

export interface RejectPayloadDeps {
  repos: { audit: AuditRepository };
  clock: Clock;
}

/**
 * A correctly signed delivery whose body is not the topic's JSON: Shopify
 * resends the same bytes, so retrying cannot help. It is recorded (audit) for
 * the team and answered 400; nothing else changes.
 */
export async function rejectPayload(
  deps: RejectPayloadDeps,
  { webhook, correlationId }: WebhookDelivery,
  problem: string,
): Promise<never> {
  await deps.repos.audit.append({
    at: deps.clock.now(),
    actorType: 'platform',
    actorId: webhook.shopDomain,
    action: 'shopify.webhook.rejected',
    entityType: 'shopify_webhook',
    entityId: webhook.webhookId,
    details: { topic: webhook.topic, shop: webhook.shopDomain, problem },
    correlationId,
  });
  throw new ServerError(ErrorKinds.invalidInput, `The ${webhook.topic} body was rejected: ${problem}`);
}
