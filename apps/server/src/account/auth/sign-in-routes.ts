import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { Router } from 'express';
import { ErrorKinds } from '@dropship/core';
import { createOutboxMailer } from '@dropship/lifecycle';
import { verifyPassword } from '../../ops';
import type { ServerDeps } from '../../server-deps';
import { AccountPaths } from '../account-paths';
import { AccountAreaError } from './account-error';
import { closeOwnerSession, openOwnerSession } from './owner-sessions';
import { SignInLimits, withinRateLimit } from './rate-limit';
import { signInPage } from './sign-in-page';

const MAGIC_LINK_TTL_MS = 15 * 60_000;

const wantsJson = (req: Request) =>
  req.is('application/json') !== false || req.accepts(['html', 'json']) === 'json';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** GET /account/login?token=…: a one-time link (from the plugin, or a magic link) opens a session. */
async function consumeLoginLink(deps: ServerDeps, req: Request, res: Response) {
  if (!(await withinRateLimit(deps, req, res, SignInLimits.loginLink))) return;
  const token = text(req.query.token);
  const used = token ? await deps.repos.loginTokens.consume(token, deps.clock.now()) : null;
  const account = used ? await deps.repos.accounts.findById(used.accountId) : null;
  if (!used || account?.status !== 'active') {
    res
      .status(401)
      .type('html')
      .send(
        signInPage(
          'This sign-in link is invalid, expired or already used. Sign in below, or ask for a new link.',
        ),
      );
    return;
  }
  await openOwnerSession(deps, req, res, {
    accountId: account.id,
    method: used.storeId ? 'plugin_link' : 'magic_link',
  });
  const target = used.storeId
    ? `${AccountPaths.storeManagement}?store=${encodeURIComponent(used.storeId)}`
    : AccountPaths.overview;
  res.redirect(303, target);
}

/** POST /account/sign-in {email, password}: rate limited per IP and e-mail. */
async function signIn(deps: ServerDeps, req: Request, res: Response) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const email = text(body.email).toLowerCase();
  const password = typeof body.password === 'string' ? body.password : '';
  if (!(await withinRateLimit(deps, req, res, SignInLimits.password, email))) return;
  const account = email ? await deps.repos.accounts.findByEmail(email) : null;
  const hash = account ? await deps.repos.accountCredentials.getPasswordHash(account.id) : null;
  const valid = hash !== null && password !== '' && (await verifyPassword(password, hash));
  if (!account || !valid || account.status !== 'active') {
    throw new AccountAreaError(
      ErrorKinds.unauthorized,
      'Wrong e-mail or password. Try again, or ask for a sign-in link by e-mail.',
    );
  }
  const session = await openOwnerSession(deps, req, res, { accountId: account.id, method: 'password' });
  if (wantsJson(req)) {
    res.json({
      account: { id: account.id, email: account.email, name: account.name, status: account.status },
      csrfToken: session.csrfToken,
    });
  } else {
    res.redirect(303, AccountPaths.overview);
  }
}

/** POST /account/magic-link {email}: the same answer whether or not the address has an account. */
async function sendMagicLink(deps: ServerDeps, req: Request, res: Response) {
  const email = text((req.body as Record<string, unknown> | undefined)?.email).toLowerCase();
  if (!(await withinRateLimit(deps, req, res, SignInLimits.magicLink, email))) return;
  const account = email ? await deps.repos.accounts.findByEmail(email) : null;
  if (account?.status === 'active' && account.email) {
    const now = deps.clock.now();
    const token = randomBytes(32).toString('base64url');
    await deps.repos.loginTokens.create({
      token,
      accountId: account.id,
      expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS),
      createdAt: now,
    });
    const url = `${deps.config.appUrl}${AccountPaths.login}?token=${encodeURIComponent(token)}`;
    await createOutboxMailer({ repos: deps.repos, clock: deps.clock }).send({
      to: account.email,
      subject: 'Your sign-in link',
      text: `Sign in to your Dropship Connect account (valid 15 minutes, once):\n\n${url}\n\nDid not ask for it? Ignore this message.`,
      tags: ['magic-link'],
      idempotencyKey: `magic_link.${token.slice(0, 16)}`,
    });
  }
  const message =
    'If this address has an account, a sign-in link is on its way. It works once, for 15 minutes.';
  if (wantsJson(req)) res.status(202).json({ sent: true, message });
  else res.status(202).type('html').send(signInPage(message));
}

/** Sign-in and sign-out of account owners (WooCommerce site owners). */
export function signInRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get(AccountPaths.signInPage, (_req, res) => void res.type('html').send(signInPage(null)));
  router.get(AccountPaths.login, (req, res) => consumeLoginLink(deps, req, res));
  router.post('/account/sign-in', (req, res) => signIn(deps, req, res));
  router.post(AccountPaths.magicLink, (req, res) => sendMagicLink(deps, req, res));
  router.post(AccountPaths.signOut, async (req, res) => {
    await closeOwnerSession(deps, req, res);
    res.status(204).end();
  });
  return router;
}
