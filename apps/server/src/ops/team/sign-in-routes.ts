import { Router } from 'express';
import type { Request } from 'express';
import { ErrorKinds } from '@dropship/core';
import type { Config } from '@dropship/config';
import { ServerError } from '../../errors';
import { readCookies, serializeCookie } from '../../http/cookies';
import { renderSignInPage } from '../views/sign-in-page';
import { principalOf, requireCsrfToken, TEAM_COOKIE } from './team-auth';
import type { TeamSessions } from './team-sessions';

export interface SignInRoutesDeps {
  sessions: TeamSessions;
  config: Pick<Config, 'isProduction'>;
}

/** Only paths under /ops: a crafted `next` must not send a signed-in member elsewhere. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/ops(\/|$|\?)/.test(value) && !value.startsWith('//')
    ? value
    : '/ops';
}

function fieldOf(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

// A cross-site page must not sign a member into our session either (login CSRF).
function checkOrigin(req: Request): void {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return;
  if (new URL(origin).host !== req.headers.host) {
    throw new ServerError(ErrorKinds.forbidden, 'Sign in from the ops sign-in page itself.');
  }
}

/** GET/POST /ops/sign-in and POST /ops/sign-out. */
export function signInRoutes(deps: SignInRoutesDeps): Router {
  const router = Router();
  const cookie = (value: string, maxAgeSeconds: number) =>
    serializeCookie(TEAM_COOKIE, value, { path: '/ops', maxAgeSeconds, secure: deps.config.isProduction });

  router.get('/ops/sign-in', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderSignInPage({ next: safeNext(req.query.next) }));
  });

  router.post('/ops/sign-in', async (req, res) => {
    checkOrigin(req);
    const email = fieldOf(req, 'email').trim();
    const next = safeNext(fieldOf(req, 'next'));
    const result = await deps.sessions.signIn(email, fieldOf(req, 'password'));
    if (!result.ok) {
      req.log.warn({ email }, 'team sign-in refused');
      res
        .status(401)
        .type('html')
        .send(renderSignInPage({ next, email, error: 'Wrong e-mail or password.' }));
      return;
    }
    req.log.info({ memberId: result.member.id, role: result.member.role }, 'team member signed in');
    res.setHeader('Set-Cookie', cookie(result.token, deps.sessions.ttlMs / 1000));
    res.redirect(303, next);
  });

  router.post('/ops/sign-out', requireCsrfToken, async (req, res) => {
    const token = readCookies(req)[TEAM_COOKIE];
    if (token && principalOf(res)?.kind === 'session') await deps.sessions.signOut(token);
    res.setHeader('Set-Cookie', cookie('', 0));
    res.redirect(303, '/ops/sign-in');
  });
  return router;
}
