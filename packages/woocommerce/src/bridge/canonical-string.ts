import { createHash, createHmac } from 'node:crypto';
import { rawBodyToBuffer } from '../shared/headers';
import type { RawBody } from '../shared/headers';

/** The headers of a signed bridge request (docs/bridge-protocol.md), lower-case as node:http delivers them. */
export const BridgeHeaders = {
  site: 'x-dropship-site',
  timestamp: 'x-dropship-timestamp',
  eventId: 'x-dropship-event-id',
  signature: 'x-dropship-signature',
} as const;

export const BRIDGE_SIGNATURE_PREFIX = 'v1=';
/** Largest bridge body the platform accepts; bigger ones get 413. */
export const BRIDGE_MAX_BODY_BYTES = 64 * 1024;
export const BRIDGE_DEFAULT_TOLERANCE_SECONDS = 300;
/** How long the replay guard remembers an event id: the ±300 s window with a margin. */
export const BRIDGE_REPLAY_WINDOW_MS = 15 * 60 * 1000;

export interface CanonicalStringParams {
  method: string;
  /** The request path; a query string, if present, is not signed and is dropped here. */
  path: string;
  timestamp: string;
  eventId: string;
  rawBody: RawBody;
}

export function stripQuery(path: string): string {
  const at = path.indexOf('?');
  return at === -1 ? path : path.slice(0, at);
}

/** METHOD\nPATH\nTIMESTAMP\nEVENT_ID\nBODY_SHA256HEX, exactly as the protocol page defines it. */
export function bridgeCanonicalString(params: CanonicalStringParams): string {
  const bodyHash = createHash('sha256').update(rawBodyToBuffer(params.rawBody)).digest('hex');
  return [
    params.method.toUpperCase(),
    stripQuery(params.path),
    params.timestamp,
    params.eventId,
    bodyHash,
  ].join('\n');
}

/** `v1=` + base64(HMAC-SHA256(secret, canonical string)). */
export function computeBridgeSignature(params: CanonicalStringParams & { secret: string }): string {
  const mac = createHmac('sha256', params.secret)
    .update(bridgeCanonicalString(params), 'utf8')
    .digest('base64');
  return BRIDGE_SIGNATURE_PREFIX + mac;
}
