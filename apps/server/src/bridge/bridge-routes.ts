import express, { Router } from 'express';
import type { ErrorRequestHandler } from 'express';
import type { ServerDeps } from '../server-deps';
import { authenticateBridge } from './authenticate-bridge';
import { BridgeRefusals, refuse } from './bridge-http';
import { connectRoutes } from './connect-routes';
import { eventRoutes } from './event-routes';
import { keysRoutes } from './keys-route';
import { loginLinkRoutes } from './login-link-route';
import { recordUnreadable } from './record-unreadable';

export const BRIDGE_PREFIX = '/bridge';
const UNSIGNED = new Set(['/bridge/v1/connect/start', '/bridge/v1/connect/claim', '/bridge/v1/connect/code']);

/** Every bridge endpoint of docs/bridge-protocol.md. */
export function bridgeRoutes(deps: ServerDeps): Router {
  const router = Router();
  // JSON and form bodies were read by the app's parsers; any other content type is read raw here,
  // so the signature always covers the bytes that were sent.
  router.use(BRIDGE_PREFIX, express.raw({ type: () => true, limit: '1mb' }));
  router.use(connectRoutes(deps));
  router.use(eventRoutes(deps));
  router.use(loginLinkRoutes(deps));
  router.use(keysRoutes(deps));
  return router;
}

/**
 * Body-parser failures under /bridge, answered as the protocol says: too large →
 * 413; unreadable JSON → 401 unless the signature is good (then 400), so a
 * forger learns nothing and a real site learns its bug. Mount it on `/bridge`
 * after the routers: the app's body parsers run before any router sees the request.
 */
export function bridgeBodyErrors(deps: ServerDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      refuse(req, res, 413, BridgeRefusals.bodyTooLarge);
      return;
    }
    if (type !== 'entity.parse.failed') {
      next(error);
      return;
    }
    if (UNSIGNED.has(req.originalUrl.split('?')[0] ?? '')) {
      refuse(req, res, 400, BridgeRefusals.malformedJson);
      return;
    }
    authenticateBridge(deps, req, res)
      .then(async (auth) => {
        if (!auth) return;
        await recordUnreadable(deps, auth, BridgeRefusals.malformedJson, req.path, req.id);
        refuse(req, res, 400, BridgeRefusals.malformedJson);
      })
      .catch(next);
  };
}
