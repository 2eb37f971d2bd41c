import type { Request, Response } from 'express';
import { Router } from 'express';
import {
  BRIDGE_MAX_BODY_BYTES,
  BridgePaths,
  createConnectState,
  parseBridgeBody,
  WOO_APP_NAME,
  WOO_KEY_SCOPE,
} from '@dropship/woocommerce';
import type { BridgeBodyKind, BridgeBody } from '@dropship/woocommerce';
import type { ServerDeps } from '../server-deps';
import { bodyBytesOf } from '../http/body-parsers';
import { BridgeRefusals, refuse } from './bridge-http';
import { connectSite, recordConnection } from './connect-site';
import { connectStateKey, newSecret, normaliseSiteUrl } from './site-identity';

/** How long a started key flow may take to reach the callback. */
export const CONNECT_STATE_TTL_MS = 15 * 60 * 1000;
/** After the keys arrived, how much longer the plugin has to claim. */
const CLAIM_GRACE_MS = 15 * 60 * 1000;
export const KEY_CALLBACK_PATH = '/woocommerce/auth/callback';

function parse<K extends BridgeBodyKind>(req: Request, res: Response, kind: K): BridgeBody<K> | null {
  if (bodyBytesOf(req).length > BRIDGE_MAX_BODY_BYTES) {
    refuse(req, res, 413, BridgeRefusals.bodyTooLarge);
    return null;
  }
  const parsed = parseBridgeBody(kind, bodyBytesOf(req));
  if (parsed.ok) return parsed.value;
  refuse(
    req,
    res,
    400,
    parsed.reason === 'malformed_json' ? BridgeRefusals.malformedJson : BridgeRefusals.invalidBody,
    parsed.error,
  );
  return null;
}

/** The query WooCommerce's /wc-auth/v1/authorize needs; the plugin passes these on unchanged. */
export function authorizeParams(deps: ServerDeps, state: string, returnUrl: string): Record<string, string> {
  return {
    app_name: WOO_APP_NAME,
    scope: WOO_KEY_SCOPE,
    user_id: state,
    // Passed through untouched: it carries the plugin's _wpnonce.
    return_url: returnUrl,
    callback_url: `${deps.config.appUrl}${KEY_CALLBACK_PATH}`,
  };
}

async function start(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const body = parse(req, res, 'connectStart');
  if (!body) return;
  const now = deps.clock.now();
  const claimSecret = newSecret();
  const connection = await deps.repos.wpConnections.create({
    kind: 'connect',
    siteUrl: normaliseSiteUrl(body.site_url),
    adminEmail: body.admin_email,
    returnUrl: body.return_url,
    claimSecret,
    expiresAt: new Date(now.getTime() + CONNECT_STATE_TTL_MS),
    createdAt: now,
  });
  const state = createConnectState(
    { connectionId: connection.id, expiresAt: connection.expiresAt },
    connectStateKey(deps.config.sessionSecret),
  );
  res.status(200).json({
    connection_id: connection.id,
    claim_secret: claimSecret,
    state,
    expires_at: connection.expiresAt.toISOString(),
    authorize_params: authorizeParams(deps, state, body.return_url),
  });
}

async function claim(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const body = parse(req, res, 'connectClaim');
  if (!body) return;
  const now = deps.clock.now();
  const known = await deps.repos.wpConnections.findById(body.connection_id);
  if (!known || known.kind !== 'connect') {
    res
      .status(404)
      .json({ error: 'unknown_connection', message: 'No such connection: click "Connect" again.' });
    return;
  }
  if (known.claimedAt) {
    res.status(409).json({ error: 'already_claimed', message: 'This connection was already claimed.' });
    return;
  }
  if (!known.keysReceivedAt) {
    const expired = now.getTime() >= known.expiresAt.getTime();
    res.status(expired ? 410 : 409).json({
      error: expired ? 'expired' : 'keys_not_received',
      message: expired
        ? 'The connection expired before WooCommerce approved it: click "Connect" again.'
        : 'WooCommerce has not delivered the keys for this connection: approve the access first.',
    });
    return;
  }
  if (now.getTime() >= known.keysReceivedAt.getTime() + CLAIM_GRACE_MS) {
    res.status(410).json({ error: 'expired', message: 'The connection expired: click "Connect" again.' });
    return;
  }
  const outcome = await deps.repos.transaction(async (repos) => {
    const claimed = await repos.wpConnections.claim(known.id, body.claim_secret, now);
    if (!claimed) return null;
    return connectSite(deps, repos, {
      siteUrl: claimed.connection.siteUrl,
      accountId: null,
      ownerEmail: claimed.connection.adminEmail,
      keys: claimed.keys,
      at: now,
    });
  });
  if (!outcome) {
    const again = await deps.repos.wpConnections.findById(known.id);
    if (again?.claimedAt)
      res.status(409).json({ error: 'already_claimed', message: 'This connection was already claimed.' });
    else
      res
        .status(401)
        .json({ error: 'bad_claim_secret', message: 'The claim secret does not match this connection.' });
    return;
  }
  await recordConnection(deps, outcome.store, `claim:${known.id}`, req.id as string);
  res.status(200).json({ site_id: outcome.store.id, site_secret: outcome.siteSecret });
}

async function withCode(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const body = parse(req, res, 'connectCode');
  if (!body) return;
  const now = deps.clock.now();
  const code = await deps.repos.connectionCodes.findByCode(body.code);
  if (!code) {
    res.status(404).json({
      error: 'unknown_code',
      message: 'This connection code does not exist: check it, or create a new one in your account.',
    });
    return;
  }
  if (code.usedAt) {
    res.status(409).json({
      error: 'code_used',
      message: 'This connection code was already used: create a new one in your account.',
    });
    return;
  }
  if (now.getTime() >= code.expiresAt.getTime()) {
    res.status(410).json({
      error: 'code_expired',
      message: 'This connection code expired: create a new one in your account.',
    });
    return;
  }
  const outcome = await deps.repos.transaction(async (repos) => {
    const connected = await connectSite(deps, repos, {
      siteUrl: body.site_url,
      accountId: code.accountId,
      ownerEmail: null,
      keys: null,
      at: now,
    });
    // Spent in the same transaction: a lost race rolls the connection back.
    return (await repos.connectionCodes.consume(code.id, now, connected.store.id)) ? connected : null;
  });
  if (!outcome) {
    res.status(409).json({
      error: 'code_used',
      message: 'This connection code was already used: create a new one in your account.',
    });
    return;
  }
  await recordConnection(deps, outcome.store, `code:${code.id}`, req.id as string);
  res.status(200).json({ site_id: outcome.store.id, site_secret: outcome.siteSecret });
}

type Handler = (deps: ServerDeps, req: Request, res: Response) => Promise<void>;

/** The unsigned connection endpoints: a site has no secret before them. */
export function connectRoutes(deps: ServerDeps): Router {
  const router = Router();
  const bind = (handler: Handler) => (req: Request, res: Response) => handler(deps, req, res);
  router.post(BridgePaths.connectStart, bind(start));
  router.post(BridgePaths.connectClaim, bind(claim));
  router.post(BridgePaths.connectCode, bind(withCode));
  return router;
}
