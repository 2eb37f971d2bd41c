import type { Request, Response } from 'express';
import { Platforms } from '@dropship/core';
import type { Store } from '@dropship/core';
import {
  BRIDGE_MAX_BODY_BYTES,
  BridgeRejections,
  parseBridgeHeaders,
  verifyBridgeRequest,
} from '@dropship/woocommerce';
import type { ServerDeps } from '../server-deps';
import { bridgeLookups } from './bridge-lookups';
import { BridgeRefusals, refuse, requestBytes } from './bridge-http';

export interface AuthenticatedBridgeRequest {
  store: Store;
  eventId: string;
  rawBody: Buffer;
}

/**
 * The paths the site may have signed. The plugin signs the full path of the
 * platform URL it was given (docs/bridge-protocol.md, "Signed requests"): behind
 * a proxy that strips the public URL's path prefix, the server sees the request
 * without it, so the prefix of SHOPIFY_APP_URL is put back.
 */
export function signedPathCandidates(req: Request, appUrl: string): string[] {
  const seen = req.originalUrl.split('?')[0] ?? req.path;
  const prefix = new URL(appUrl).pathname.replace(/\/+$/, '');
  if (prefix === '' || seen.startsWith(`${prefix}/`)) return [seen];
  return [prefix + seen, seen];
}

/**
 * Checks a signed bridge request in the protocol's order: size (413), headers
 * (401), site (404), signature and freshness (401), then the replay guard (401).
 * Answers the refusal itself and returns null; nothing is written before the
 * signature is known good, and only the event id is written after.
 */
export async function authenticateBridge(
  deps: ServerDeps,
  req: Request,
  res: Response,
): Promise<AuthenticatedBridgeRequest | null> {
  const rawBody = requestBytes(req);
  if (rawBody.length > BRIDGE_MAX_BODY_BYTES) {
    refuse(req, res, 413, BridgeRefusals.bodyTooLarge);
    return null;
  }
  const headers = parseBridgeHeaders(req.headers);
  // Event ids are UUIDs; anything longer cannot be one and must not reach the 64-character column.
  if (!headers.ok || headers.eventId.length > 64) {
    refuse(req, res, 401, BridgeRefusals.missingHeaders);
    return null;
  }
  const lookups = bridgeLookups(deps.repos);
  const site = await lookups.site(headers.siteId);
  const store = site?.store;
  const secret = store?.platform === Platforms.woocommerce ? site?.siteSecret : null;
  if (!store || !secret) {
    refuse(req, res, 404, BridgeRefusals.unknownSite);
    return null;
  }
  const now = deps.clock.now();
  let reason: string = BridgeRejections.badSignature;
  for (const path of signedPathCandidates(req, deps.config.appUrl)) {
    const verdict = verifyBridgeRequest({
      method: req.method,
      path,
      headers: req.headers,
      rawBody,
      secret,
      now,
    });
    if (verdict.valid) {
      if (!(await lookups.remember({ siteId: store.id, eventId: verdict.eventId, receivedAt: now }))) {
        refuse(req, res, 401, BridgeRefusals.replayedEvent);
        return null;
      }
      req.log.setBindings({ siteId: store.id });
      return { store, eventId: verdict.eventId, rawBody };
    }
    reason = verdict.reason;
  }
  refuse(req, res, 401, reason as (typeof BridgeRefusals)[keyof typeof BridgeRefusals]);
  return null;
}
