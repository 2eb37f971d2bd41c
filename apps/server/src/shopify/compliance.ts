import { parseTopicPayload, ShopifyTopics } from '@dropship/shopify';
import type { ShopifyTopic } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { customersDataRequest } from './customers-data-request';
import { customersRedact } from './customers-redact';
import { rejectPayload } from './reject-payload';
import { shopRedact } from './shop-redact';
import type { WebhookHandler } from './webhook-routes';

type Deps = Pick<ServerDeps, 'repos' | 'queues' | 'clock'>;

/**
 * The mandatory privacy topics, all delivered to one URI (shopify.app.toml
 * `compliance_topics`). Each request is recorded once, carried out, and
 * completed with an audit entry before the answer: a failure answers 5xx and
 * Shopify retries, finding the request it already started.
 */
export function compliance(deps: Deps): WebhookHandler {
  return async (delivery) => {
    const { webhook, rawBody } = delivery;
    const topic = webhook.topic as ShopifyTopic;
    if (topic === ShopifyTopics.customersDataRequest) {
      const parsed = parseTopicPayload(topic, rawBody);
      if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
      return { body: await customersDataRequest(deps, delivery, parsed.value) };
    } else if (topic === ShopifyTopics.customersRedact) {
      const parsed = parseTopicPayload(topic, rawBody);
      if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
      return { body: await customersRedact(deps, delivery, parsed.value) };
    } else {
      const parsed = parseTopicPayload(ShopifyTopics.shopRedact, rawBody);
      if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
      return { body: await shopRedact(deps, delivery, parsed.value) };
    }
  };
}
