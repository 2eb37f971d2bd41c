import type { Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { createConnectState } from '@dropship/woocommerce';
import type { ServerDeps } from '../server-deps';
import { authenticateBridge } from './authenticate-bridge';
import { BridgeRefusals, refuse } from './bridge-http';
import { CONNECT_STATE_TTL_MS, authorizeParams } from './connect-routes';
import { connectStateKey } from './site-identity';

export const KEYS_START_PATH = '/bridge/v1/keys/start';

const keysStartBodySchema = z.object({ return_url: z.url({ protocol: /^https?$/ }) });

/**
 * `POST /bridge/v1/keys/start` (signed): a site connected with a code adds its
 * WooCommerce REST keys later. Same key flow as a new connection, but the keys
 * go straight to the signed-in store and there is nothing to claim.
 */
async function startKeys(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const auth = await authenticateBridge(deps, req, res);
  if (!auth) return;
  let json: unknown;
  try {
    json = JSON.parse(auth.rawBody.toString('utf8'));
  } catch {
    refuse(req, res, 400, BridgeRefusals.malformedJson);
    return;
  }
  const body = keysStartBodySchema.safeParse(json);
  if (!body.success) {
    refuse(req, res, 400, BridgeRefusals.invalidBody, 'return_url must be an http(s) URL.');
    return;
  }
  const link = await deps.repos.wooStores.findByStore(auth.store.id);
  const now = deps.clock.now();
  const connection = await deps.repos.wpConnections.create({
    kind: 'keys',
    siteUrl: link?.siteUrl ?? `https://${auth.store.domain}`,
    returnUrl: body.data.return_url,
    storeId: auth.store.id,
    claimSecret: null,
    expiresAt: new Date(now.getTime() + CONNECT_STATE_TTL_MS),
    createdAt: now,
  });
  const state = createConnectState(
    { connectionId: connection.id, expiresAt: connection.expiresAt },
    connectStateKey(deps.config.sessionSecret),
  );
  res.status(200).json({
    connection_id: connection.id,
    state,
    expires_at: connection.expiresAt.toISOString(),
    authorize_params: authorizeParams(deps, state, body.data.return_url),
  });
}

export function keysRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(KEYS_START_PATH, (req, res) => startKeys(deps, req, res));
  return router;
}
