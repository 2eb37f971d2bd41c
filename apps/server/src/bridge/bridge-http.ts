import type { Request, Response } from 'express';
import type { EndpointAnswer, EndpointRequest } from '../http/lane';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';

/** Why a bridge request was refused, as logged and answered (`{"error": reason}`). */
export const BridgeRefusals = {
  missingHeaders: 'missing_headers',
  malformedTimestamp: 'malformed_timestamp',
  badSignature: 'bad_signature',
  staleTimestamp: 'stale_timestamp',
  replayedEvent: 'replayed_event',
  unknownSite: 'unknown_site',
  bodyTooLarge: 'body_too_large',
  malformedJson: 'malformed_json',
  invalidBody: 'invalid_body',
} as const;
export type BridgeRefusal = (typeof BridgeRefusals)[keyof typeof BridgeRefusals];

const messages: Record<BridgeRefusal, string> = {
  missing_headers: 'The X-Dropship-Site, -Timestamp, -Event-Id and -Signature headers are required.',
  malformed_timestamp: 'X-Dropship-Timestamp must be Unix seconds.',
  bad_signature: 'The signature does not match: check the site secret and the signed path.',
  stale_timestamp:
    'The request was signed more than 5 minutes away from the platform clock: check the site clock.',
  replayed_event: 'This event id was already used: sign every request with a fresh X-Dropship-Event-Id.',
  unknown_site: 'No connected site has this id: connect the plugin again.',
  body_too_large: 'Bridge bodies are limited to 64 KiB.',
  malformed_json: 'The body is not valid JSON.',
  invalid_body: 'The body does not follow docs/bridge-protocol.md.',
};

/**
 * A refused bridge request's answer. The request's own log line carries the
 * reason: a refusal is one line, never a second one.
 */
export function refusal(
  request: Pick<EndpointRequest, 'route' | 'annotate'>,
  status: number,
  reason: BridgeRefusal,
  detail?: string,
): EndpointAnswer {
  request.annotate({ bridgeRefusal: reason });
  // The route pattern, not the URL: a fixed set of label values.
  recordWebhookOutcome({
    channel: 'wp_bridge',
    topic: request.route,
    outcome: WebhookOutcomes.rejected,
    reason,
  });
  return {
    status,
    body: { error: reason, message: detail ? `${messages[reason]} ${detail}` : messages[reason] },
  };
}

/** The route pattern express matched, or `unrouted` (a body refused before any route). */
export function routeOf(req: Request): string {
  return typeof req.route?.path === 'string' ? req.route.path : 'unrouted';
}

/** refusal, answered on an express response. */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  reason: BridgeRefusal,
  detail?: string,
): void {
  const answer = refusal(
    { route: routeOf(req), annotate: (fields) => req.log.setBindings(fields) },
    status,
    reason,
    detail,
  );
  res.status(answer.status).json(answer.body);
}
