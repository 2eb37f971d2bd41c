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
import { BridgeRefusals, refusal, routeOf } from './bridge-http';
import type { BridgeRefusal } from './bridge-http';
import { endpointRequestOf } from '../http/lane';
import type { EndpointAnswer, EndpointRequest } from '../http/lane';

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
export function signedPathCandidates(seen: string, appUrl: string): string[] {
  const prefix = new URL(appUrl).pathname.replace(/\/+$/, '');
  if (prefix === '' || seen.startsWith(`${prefix}/`)) return [seen];
  return [prefix + seen, seen];
}

export type BridgeAuthentication = { auth: AuthenticatedBridgeRequest } | { refused: EndpointAnswer };

/**
 * Checks a signed bridge request in the protocol's order: size (413), headers
 * (401), site (404), signature and freshness (401), then the replay guard (401).
 * A refusal comes back as its answer; nothing is written before the signature
 * is known good, and only the event id is written after.
 */
export async function authenticateSigned(
  deps: ServerDeps,
  request: EndpointRequest,
): Promise<BridgeAuthentication> {
  const refused = (status: number, reason: BridgeRefusal) => ({ refused: refusal(request, status, reason) });
  const rawBody = request.body;
  if (rawBody.length > BRIDGE_MAX_BODY_BYTES) return refused(413, BridgeRefusals.bodyTooLarge);
  const headers = parseBridgeHeaders(request.headers);
  // Event ids are UUIDs; anything longer cannot be one and must not reach the 64-character column.
  if (!headers.ok || headers.eventId.length > 64) return refused(401, BridgeRefusals.missingHeaders);
  const site = await bridgeLookups(deps.repos).site(headers.siteId);
  const store = site?.store;
  const secret = store?.platform === Platforms.woocommerce ? site?.siteSecret : null;
  if (!store || !secret) return refused(404, BridgeRefusals.unknownSite);
  const now = deps.clock.now();
  let reason: string = BridgeRejections.badSignature;
  for (const path of signedPathCandidates(request.path, deps.config.appUrl)) {
    const verdict = verifyBridgeRequest({
      method: request.method,
      path,
      headers: request.headers,
      rawBody,
      secret,
      now,
    });
    if (verdict.valid) {
      if (
        !(await deps.replayGuard.remember({ siteId: store.id, eventId: verdict.eventId, receivedAt: now }))
      ) {
        return refused(401, BridgeRefusals.replayedEvent);
      }
      request.annotate({ siteId: store.id });
      return { auth: { store, eventId: verdict.eventId, rawBody } };
    }
    reason = verdict.reason;
  }
  return refused(401, reason as BridgeRefusal);
}

/** authenticateSigned for an express route: answers the refusal itself and returns null. */
export async function authenticateBridge(
  deps: ServerDeps,
  req: Request,
  res: Response,
): Promise<AuthenticatedBridgeRequest | null> {
  const result = await authenticateSigned(deps, endpointRequestOf(req, routeOf(req)));
  if ('auth' in result) return result.auth;
  res.status(result.refused.status).json(result.refused.body);
  return null;
}
