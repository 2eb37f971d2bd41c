import type { Config } from '@dropship/config';
import type { Clock, Repositories, ReplayGuard } from '@dropship/core';
import type { EventIngestor } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import type { ShopifyAdapter } from '@dropship/shopify';
import type { Database } from '@dropship/storage';
import type { Logger } from 'pino';
import type { RateLimitName, RateLimitSetting } from './http/rate-limit';

/** Anything that answers a Redis PING: an ioredis connection or a function. */
export type RedisProbe = { ping(): Promise<unknown> } | (() => Promise<unknown>);

export interface ServerOptions {
  /** Largest accepted body, in bytes; larger ones answer 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** How long /readyz waits for each dependency. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** The built web UI served at /app (default: apps/web/dist). */
  webDistDir?: string;
  /** Per-address limits of the public sign-in / connect / install endpoints (defaults in http/rate-limit.ts). */
  rateLimits?: Partial<Record<RateLimitName, RateLimitSetting>>;
}

/**
 * What `createApp` needs, built once by the composition root; each feature
 * reads the part it uses. Nothing here is per-process state: any number of
 * servers can share one database and one Redis.
 */
export interface ServerDeps {
  db: Database;
  redis: RedisProbe;
  log: Logger;
  config: Config;
  repos: Repositories;
  queues: Queues;
  clock: Clock;
  /** Records lifecycle events and queues their jobs, concurrent requests batched together (createEventIngestor). */
  ingest: EventIngestor;
  /** Remembers signed bridge requests' event ids across every server (createRedisReplayGuard). */
  replayGuard: ReplayGuard;
  /** The Shopify adapter (OAuth, billing, Admin API), built from config.shopify + config.billing. */
  shopify: ShopifyAdapter;
  options?: ServerOptions;
}
