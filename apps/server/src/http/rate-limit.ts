import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { RedisProbe } from '../server-deps';

/** A limit: at most `limit` requests per `windowMs` from one client address. */
export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

/** The public endpoints that are limited, by name. Webhooks are not: they are high-volume by design and signed. */
export const RateLimitNames = {
  /** Account and team sign-in, magic links: password and token guessing. */
  signIn: 'sign_in',
  /** Plugin connection (unsigned) and the WooCommerce key callback. */
  bridgeConnect: 'bridge_connect',
  /** The start of Shopify OAuth. */
  install: 'install',
} as const;
export type RateLimitName = (typeof RateLimitNames)[keyof typeof RateLimitNames];

export const defaultRateLimits: Readonly<Record<RateLimitName, RateLimitSetting>> = {
  sign_in: { limit: 20, windowMs: 60_000 },
  bridge_connect: { limit: 60, windowMs: 60_000 },
  install: { limit: 60, windowMs: 60_000 },
};

const rules: ReadonlyArray<{ name: RateLimitName; matches(req: Request): boolean }> = [
  {
    name: RateLimitNames.signIn,
    matches: (req) =>
      req.method === 'POST' && ['/account/sign-in', '/account/magic-link', '/ops/sign-in'].includes(req.path),
  },
  {
    name: RateLimitNames.bridgeConnect,
    matches: (req) =>
      req.method === 'POST' &&
      (req.path.startsWith('/bridge/v1/connect/') || req.path === '/woocommerce/auth/callback'),
  },
  { name: RateLimitNames.install, matches: (req) => req.method === 'GET' && req.path === '/auth' },
];

/** The Redis commands the counter needs (an ioredis connection has them). */
export interface RateLimitRedis {
  eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
}

// One round trip, atomic: the first hit of a window sets its expiry.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

function isRateLimitRedis(redis: RedisProbe): redis is RedisProbe & RateLimitRedis {
  return typeof redis === 'object' && typeof (redis as Partial<RateLimitRedis>).eval === 'function';
}

export interface RateLimitOptions {
  redis: RedisProbe;
  /** Separates deployments (and parallel tests) sharing one Redis: the queue prefix. */
  keyPrefix: string;
  log: Logger;
  limits?: Partial<Record<RateLimitName, RateLimitSetting>>;
  now?: () => number;
}

/**
 * Fixed-window limits per client address, counted in Redis so that every
 * server process shares them. When Redis cannot count, the request goes
 * through (the endpoint's own checks still apply) and a warning is logged:
 * a limiter must not turn a Redis outage into a sign-in outage. Behind a
 * proxy, TRUST_PROXY (express's `trust proxy`) makes `req.ip` the client's address.
 */
export function rateLimits(options: RateLimitOptions): RequestHandler {
  const limits = { ...defaultRateLimits, ...options.limits };
  const now = options.now ?? Date.now;
  const redis = isRateLimitRedis(options.redis) ? options.redis : null;
  if (redis === null) options.log.warn('rate limits are off: the Redis dependency cannot run commands');
  return (req, res, next) => {
    const rule = rules.find((candidate) => candidate.matches(req));
    if (!rule || redis === null) return next();
    const { limit, windowMs } = limits[rule.name];
    const window = Math.floor(now() / windowMs);
    const key = `${options.keyPrefix}:ratelimit:${rule.name}:${req.ip ?? 'unknown'}:${window}`;
    redis
      .eval(HIT_SCRIPT, 1, key, windowMs)
      .then((count) => {
        const retryAfter = Math.ceil(((window + 1) * windowMs - now()) / 1000);
        res.setHeader('RateLimit-Limit', String(limit));
        res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - Number(count))));
        if (Number(count) <= limit) return next();
        res.setHeader('Retry-After', String(retryAfter));
        req.log.setBindings({ rateLimited: rule.name });
        res.status(429).json({
          error: {
            code: 'RATE_LIMITED',
            message: `Too many requests; try again in ${retryAfter} s.`,
            requestId: req.id,
          },
        });
      })
      .catch((err: unknown) => {
        req.log.warn({ err, rule: rule.name }, 'rate limit not counted: Redis did not answer');
        next();
      });
  };
}
