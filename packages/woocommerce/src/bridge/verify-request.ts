import { readHeader } from '../shared/headers';
import type { HeaderBag, RawBody } from '../shared/headers';
import { constantTimeEqual } from '../shared/constant-time';
import {
  BRIDGE_DEFAULT_TOLERANCE_SECONDS,
  BRIDGE_SIGNATURE_PREFIX,
  BridgeHeaders,
  computeBridgeSignature,
} from './canonical-string';

export const BridgeRejections = {
  missingHeaders: 'missing_headers',
  badSignature: 'bad_signature',
  staleTimestamp: 'stale_timestamp',
  malformedTimestamp: 'malformed_timestamp',
} as const;
export type BridgeRejection = (typeof BridgeRejections)[keyof typeof BridgeRejections];

export interface BridgeHeaderValues {
  siteId: string;
  /** The X-Dropship-Timestamp value as sent (it is part of the signed string). */
  timestamp: string;
  eventId: string;
  signature: string;
}

export type ParseBridgeHeadersResult =
  ({ ok: true } & BridgeHeaderValues) | { ok: false; reason: 'missing_headers' };

/**
 * Reads the X-Dropship-* headers without checking anything cryptographic, so the
 * server can find the site (and its secret) by `siteId` before verifying.
 */
export function parseBridgeHeaders(headers: HeaderBag): ParseBridgeHeadersResult {
  const siteId = readHeader(headers, BridgeHeaders.site);
  const timestamp = readHeader(headers, BridgeHeaders.timestamp);
  const eventId = readHeader(headers, BridgeHeaders.eventId);
  const signature = readHeader(headers, BridgeHeaders.signature);
  if (!siteId || !timestamp || !eventId || !signature)
    return { ok: false, reason: BridgeRejections.missingHeaders };
  return { ok: true, siteId, timestamp, eventId, signature };
}

export interface VerifyBridgeRequestParams {
  method: string;
  /** Request path; its query string is ignored, as the protocol signs the path only. */
  path: string;
  headers: HeaderBag;
  rawBody: RawBody;
  secret: string;
  now: Date;
  /** Largest accepted distance between the signature timestamp and `now`; 300 s by default. */
  toleranceSeconds?: number;
}

export type VerifyBridgeRequestResult =
  | { valid: true; siteId: string; eventId: string; timestamp: number }
  | { valid: false; reason: BridgeRejection };

const TIMESTAMP_PATTERN = /^\d{1,12}$/;

/**
 * Checks a signed bridge request: headers present, timestamp well formed,
 * signature right (constant time), timestamp within the tolerance. Replayed event
 * ids are the caller's to reject: that needs storage.
 */
export function verifyBridgeRequest(params: VerifyBridgeRequestParams): VerifyBridgeRequestResult {
  const parsed = parseBridgeHeaders(params.headers);
  if (!parsed.ok) return { valid: false, reason: parsed.reason };
  if (!TIMESTAMP_PATTERN.test(parsed.timestamp))
    return { valid: false, reason: BridgeRejections.malformedTimestamp };
  if (!parsed.signature.startsWith(BRIDGE_SIGNATURE_PREFIX))
    return { valid: false, reason: BridgeRejections.badSignature };

  const expected = computeBridgeSignature({
    method: params.method,
    path: params.path,
    timestamp: parsed.timestamp,
    eventId: parsed.eventId,
    rawBody: params.rawBody,
    secret: params.secret,
  });
  // Signature before freshness: only authentic requests learn that their clock is off.
  if (!constantTimeEqual(expected, parsed.signature))
    return { valid: false, reason: BridgeRejections.badSignature };

  const timestamp = Number(parsed.timestamp);
  const tolerance = params.toleranceSeconds ?? BRIDGE_DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor(params.now.getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance)
    return { valid: false, reason: BridgeRejections.staleTimestamp };

  return { valid: true, siteId: parsed.siteId, eventId: parsed.eventId, timestamp };
}
