import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { OwnerSession, OwnerSessionMethod } from '@dropship/core';
import type { ServerDeps } from '../../server-deps';

export const SESSION_COOKIE = 'dc_session';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The value of one cookie of the request (no cookie parser needed for a single name). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function cookieOptions(deps: ServerDeps) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: deps.config.isProduction, path: '/' };
}

/** Opens a server-side session for the account and sets its HTTP-only, SameSite=Lax cookie. */
export async function openOwnerSession(
  deps: ServerDeps,
  req: Request,
  res: Response,
  params: { accountId: string; method: OwnerSessionMethod },
): Promise<OwnerSession> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const session = await deps.repos.ownerSessions.create({
    tokenHash: hashToken(token),
    accountId: params.accountId,
    csrfToken: randomBytes(24).toString('base64url'),
    method: params.method,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  });
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(deps), maxAge: SESSION_TTL_MS });
  return session;
}

/** The live session named by the request's cookie, or null. */
export async function currentOwnerSession(deps: ServerDeps, req: Request): Promise<OwnerSession | null> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return null;
  return deps.repos.ownerSessions.findActive(hashToken(token), deps.clock.now());
}

/** Ends the request's session (server-side) and clears the cookie. */
export async function closeOwnerSession(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token) await deps.repos.ownerSessions.deleteByTokenHash(hashToken(token));
  res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
}
