import { randomUUID } from 'node:crypto';
import type { RawBody } from '../shared/headers';
import { BridgeHeaders, computeBridgeSignature } from './canonical-string';

export interface SignBridgeRequestParams {
  method: string;
  path: string;
  siteId: string;
  secret: string;
  rawBody: RawBody;
  /** Signing time; defaults to now. */
  now?: Date;
  /** Defaults to a fresh UUID v4: every request, retries included, needs its own. */
  eventId?: string;
}

export interface SignBridgeRequestResult {
  headers: Record<(typeof BridgeHeaders)[keyof typeof BridgeHeaders], string>;
  timestamp: number;
  eventId: string;
}

/** Produces the four X-Dropship-* headers of a signed bridge request, as the WordPress plugin sends them. */
export function signBridgeRequest(params: SignBridgeRequestParams): SignBridgeRequestResult {
  const timestamp = Math.floor((params.now ?? new Date()).getTime() / 1000);
  const eventId = params.eventId ?? randomUUID();
  const signature = computeBridgeSignature({
    method: params.method,
    path: params.path,
    timestamp: String(timestamp),
    eventId,
    rawBody: params.rawBody,
    secret: params.secret,
  });
  return {
    headers: {
      [BridgeHeaders.site]: params.siteId,
      [BridgeHeaders.timestamp]: String(timestamp),
      [BridgeHeaders.eventId]: eventId,
      [BridgeHeaders.signature]: signature,
    },
    timestamp,
    eventId,
  };
}
