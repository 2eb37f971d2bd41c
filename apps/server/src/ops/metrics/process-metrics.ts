import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * Counters kept in this process's memory (each server process counts what it
 * received; Prometheus sums the processes). Everything that must read the same
 * from any process is computed at scrape time instead (scrape-collectors.ts).
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

export const WebhookOutcomes = {
  accepted: 'accepted',
  duplicate: 'duplicate',
  rejected: 'rejected',
} as const;
export type WebhookOutcome = (typeof WebhookOutcomes)[keyof typeof WebhookOutcomes];

export interface WebhookOutcomeParams {
  /** `shopify`, `woocommerce` (its webhooks) or `wp_bridge` (the plugin's bridge API). */
  channel: string;
  /** The topic or bridge event (`app/uninstalled`, `plugin.deleted`, …). */
  topic: string;
  outcome: WebhookOutcome;
  /**
   * Why it was rejected, as a short fixed code (`bad_signature`, `malformed_body`,
   * `unknown_store`, `stale`, …), never free text: each value is a time series.
   */
  reason?: string | null;
}

const webhookRequests = new Counter({
  name: 'dropship_webhook_requests_total',
  help: 'Webhook and bridge requests received, by channel, topic and outcome (accepted, duplicate, rejected) and rejection reason.',
  labelNames: ['channel', 'topic', 'outcome', 'reason'] as const,
  registers: [processRegistry],
});

/** Counts one webhook or bridge request; call it once per request, after its outcome is known. */
export function recordWebhookOutcome(params: WebhookOutcomeParams): void {
  webhookRequests.inc({
    channel: params.channel,
    topic: params.topic,
    outcome: params.outcome,
    reason: params.outcome === WebhookOutcomes.rejected ? (params.reason ?? 'unspecified') : '',
  });
}
