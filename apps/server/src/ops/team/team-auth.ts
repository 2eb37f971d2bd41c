import type { Request, RequestHandler, Response } from 'express';
import { ErrorKinds, TeamRoles } from '@dropship/core';
import type { TeamRole } from '@dropship/core';
import { ServerError } from '../../errors';
import { readCookies } from '../../http/cookies';
import { bearerTokenOf, secretsEqual } from '../../http/secret-tokens';
import type { TeamSessions } from './team-sessions';

export const TEAM_COOKIE = 'dropship_ops';

export const isSafeMethod = (method: string): boolean => ['GET', 'HEAD', 'OPTIONS'].includes(method);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling an /ops route. */
export interface TeamPrincipal {
  /** `session`: a signed-in member (cookie); `token`: a script with OPS_TOKEN. */
  kind: 'session' | 'token';
  role: TeamRole;
  memberId: string | null;
  /** The member's e-mail, or `ops-token`. */
  name: string;
  /** Sessions only: the token every state-changing form must echo. */
  csrfToken: string | null;
}

export interface TeamAuthDeps {
  sessions: TeamSessions;
  opsToken: string;
}

export function principalOf(res: Response): TeamPrincipal | undefined {
  return res.locals.team as TeamPrincipal | undefined;
}

/** Resolves the caller (bearer OPS_TOKEN or session cookie) into `res.locals.team`; refuses nobody. */
export function identifyTeam(deps: TeamAuthDeps): RequestHandler {
  return async (req, res, next) => {
    const bearer = bearerTokenOf(req.headers.authorization);
    if (bearer !== undefined) {
      if (secretsEqual(bearer, deps.opsToken)) {
        const principal: TeamPrincipal = {
          kind: 'token',
          role: TeamRoles.operator,
          memberId: null,
          name: 'ops-token',
          csrfToken: null,
        };
        res.locals.team = principal;
      }
      return next();
    }
    const token = readCookies(req)[TEAM_COOKIE];
    const session = token ? await deps.sessions.resolve(token) : null;
    if (session) {
      const principal: TeamPrincipal = {
        kind: 'session',
        role: session.member.role,
        memberId: session.member.id,
        name: session.member.email,
        csrfToken: session.csrfToken,
      };
      res.locals.team = principal;
    }
    next();
  };
}

/** Pages send an anonymous visitor to the sign-in form; APIs answer 401. Either way nothing is shown. */
export function requireTeam(mode: 'page' | 'api'): RequestHandler {
  return (req, res, next) => {
    if (principalOf(res)) return next();
    if (mode === 'page' && (req.method === 'GET' || req.method === 'HEAD')) {
      const target = req.originalUrl;
      res.redirect(303, `/ops/sign-in?next=${encodeURIComponent(target)}`);
      return;
    }
    next(
      new ServerError(
        ErrorKinds.unauthorized,
        'Team sign-in required: sign in at /ops/sign-in, or send "Authorization: Bearer <OPS_TOKEN>".',
      ),
    );
  };
}

/** Refuses viewers: only operators change anything. */
export const requireOperator: RequestHandler = (_req, res, next) => {
  const principal = principalOf(res);
  if (principal?.role === TeamRoles.operator) return next();
  next(
    new ServerError(
      ErrorKinds.forbidden,
      'This action needs the operator role; your role is viewer. Ask an operator to do it or to change your role.',
    ),
  );
};

function sentCsrfToken(req: Request): string | undefined {
  const header = req.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?.[CSRF_FIELD];
  return typeof field === 'string' ? field : undefined;
}

const csrfRefusal = () =>
  new ServerError(
    ErrorKinds.forbidden,
    'The form is missing its security token or it expired: reload the page and try again.',
  );

/** A session's state-changing request must echo the session's CSRF token (bearer callers are not cookie-borne). */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  const principal = principalOf(res);
  if (principal?.kind !== 'session') return next();
  const sent = sentCsrfToken(req);
  if (sent !== undefined && principal.csrfToken !== null && secretsEqual(sent, principal.csrfToken))
    return next();
  next(csrfRefusal());
};

function sameOrigin(req: Request): boolean {
  if (req.headers['sec-fetch-site'] === 'same-origin') return true;
  const origin = req.headers.origin ?? req.headers.referer;
  if (typeof origin !== 'string' || typeof req.headers.host !== 'string') return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * For the queue board's own API, whose browser client cannot send our token:
 * a session's state-changing request must come from our origin (on top of the
 * SameSite=Strict cookie), or carry the CSRF token.
 */
export const requireSameOriginOrCsrf: RequestHandler = (req, res, next) => {
  const principal = principalOf(res);
  if (principal?.kind !== 'session' || isSafeMethod(req.method)) return next();
  if (sameOrigin(req)) return next();
  requireCsrfToken(req, res, next);
};
