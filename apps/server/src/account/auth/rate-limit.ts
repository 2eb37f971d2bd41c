import type { Request, Response } from 'express';
import type { ServerDeps } from '../../server-deps';

export interface RateLimitRule {
  name: string;
  max: number;
  windowMs: number;
}

export const SignInLimits = {
  password: { name: 'sign-in', max: 5, windowMs: 15 * 60_000 },
  magicLink: { name: 'magic-link', max: 3, windowMs: 15 * 60_000 },
  loginLink: { name: 'login-link', max: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Counts one attempt per (rule, IP, e-mail) in the database, so every server
 * process sees the same counters. Answers 429 with Retry-After and returns
 * false once the window's allowance is spent.
 */
export async function withinRateLimit(
  deps: ServerDeps,
  req: Request,
  res: Response,
  rule: RateLimitRule,
  subject = '',
): Promise<boolean> {
  const now = deps.clock.now();
  const key = `${rule.name}:${req.ip ?? 'unknown'}:${subject.trim().toLowerCase()}`;
  const hit = await deps.repos.rateLimits.hit(key, rule.windowMs, now);
  if (hit.count <= rule.max) return true;
  const seconds = Math.max(1, Math.ceil((hit.windowEndsAt.getTime() - now.getTime()) / 1000));
  res.set('Retry-After', String(seconds));
  res.status(429).json({
    error: {
      kind: 'RATE_LIMITED',
      code: 'RATE_LIMITED',
      message: `Too many attempts. Wait ${Math.ceil(seconds / 60)} minute(s) before trying again.`,
      details: { retryAfterSeconds: seconds },
    },
  });
  return false;
}
