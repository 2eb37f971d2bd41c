import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorKinds } from '@dropship/core';
import type { Account } from '@dropship/core';
import type { ServerDeps } from '../../server-deps';
import { AccountAreaError } from './account-error';
import { currentOwnerSession } from './owner-sessions';

/** Who is calling the merchant API, as established by `authenticateMerchant`. */
export type Merchant =
  | { mode: 'account'; account: Account; sessionId: string; csrfToken: string }
  | { mode: 'embedded'; account: Account; shop: string };

export const merchantOf = (res: Response): Merchant => res.locals.merchant as Merchant;

const PLUGIN_HEADERS = ['x-dropship-site', 'x-dropship-signature'];

const unauthorized = (message: string) => new AccountAreaError(ErrorKinds.unauthorized, message);

async function activeAccount(deps: ServerDeps, accountId: string | null): Promise<Account> {
  const account = accountId ? await deps.repos.accounts.findById(accountId) : null;
  if (!account || account.status !== 'active') {
    throw unauthorized(
      'This account cannot sign in (it is unknown, suspended or anonymised). Contact support.',
    );
  }
  return account;
}

async function embeddedMerchant(deps: ServerDeps, token: string): Promise<Merchant> {
  const verified = await deps.shopify.verifySessionToken(token);
  if (!verified.valid)
    throw unauthorized(`The session token was refused (${verified.message}); App Bridge sends a fresh one.`);
  const store = await deps.repos.stores.findByDomain('shopify', verified.shop);
  if (!store?.accountId)
    throw unauthorized(`The shop ${verified.shop} is not installed: open the app from the Shopify admin.`);
  return { mode: 'embedded', account: await activeAccount(deps, store.accountId), shop: verified.shop };
}

async function resolveMerchant(deps: ServerDeps, req: Request): Promise<Merchant> {
  // A plugin signature proves a site, not its owner: it never opens the account area.
  if (PLUGIN_HEADERS.some((header) => req.headers[header] !== undefined)) {
    throw unauthorized(
      'Plugin signatures do not authenticate the account area: sign in as the account owner.',
    );
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (bearer) return embeddedMerchant(deps, bearer.trim());
  const session = await currentOwnerSession(deps, req);
  if (!session)
    throw unauthorized('Sign in to your account area first (your session is missing or has expired).');
  const account = await activeAccount(deps, session.accountId);
  return { mode: 'account', account, sessionId: session.id, csrfToken: session.csrfToken };
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates every /api request: an App Bridge session token (embedded) or
 * the owner's session cookie (account area). Cookie requests other than GET
 * must carry the session's CSRF token in X-CSRF-Token.
 */
export function authenticateMerchant(deps: ServerDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const merchant = await resolveMerchant(deps, req);
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (merchant.mode === 'account' && !safe && !sameToken(merchant.csrfToken, req.get('x-csrf-token'))) {
      throw new AccountAreaError(
        ErrorKinds.forbidden,
        'Missing or wrong X-CSRF-Token: send the csrfToken from GET /api/me with every change.',
      );
    }
    res.locals.merchant = merchant;
    next();
  };
}

/** Owner actions (cancel, refund, account deletion) are placed only from the account area, never from the embedded app. */
export function requireAccountArea(res: Response): Extract<Merchant, { mode: 'account' }> {
  const merchant = merchantOf(res);
  if (merchant.mode !== 'account') {
    throw new AccountAreaError(
      ErrorKinds.forbidden,
      'This action is placed only from the authenticated account area: sign in there as the account owner.',
    );
  }
  return merchant;
}
