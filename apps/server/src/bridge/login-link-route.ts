import type { Request, Response } from 'express';
import { Router } from 'express';
import { BridgePaths } from '@dropship/woocommerce';
import type { ServerDeps } from '../server-deps';
import { authenticateBridge } from './authenticate-bridge';
import { newSecret } from './site-identity';

/** A login link is single-use and lives this long. */
export const LOGIN_LINK_TTL_MS = 10 * 60 * 1000;
/** Where the account area consumes the token (Settings → Store management). */
export const ACCOUNT_LOGIN_PATH = '/account/login';

/**
 * `POST /bridge/v1/login-link`: a signed request from the site buys a single-use
 * sign-in link for the store's owner. The body is not read (the plugin sends an
 * empty JSON object or array); the signature over it is what counts.
 */
async function createLoginLink(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const auth = await authenticateBridge(deps, req, res);
  if (!auth) return;
  if (!auth.store.accountId) {
    res.status(409).json({ error: 'no_account', message: 'This store has no account yet: contact support.' });
    return;
  }
  const now = deps.clock.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_TTL_MS);
  await deps.repos.loginTokens.create({
    token,
    accountId: auth.store.accountId,
    storeId: auth.store.id,
    expiresAt,
    createdAt: now,
  });
  const url = new URL(`${deps.config.appUrl}${ACCOUNT_LOGIN_PATH}`);
  url.searchParams.set('token', token);
  res.status(200).json({ url: url.toString(), expires_at: expiresAt.toISOString() });
}

export function loginLinkRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(BridgePaths.loginLink, (req, res) => createLoginLink(deps, req, res));
  return router;
}
