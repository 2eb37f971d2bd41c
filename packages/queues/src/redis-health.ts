import { Redis } from 'ioredis';

export interface EvictionPolicyResult {
  /** True only when the policy is known to be `noeviction`. */
  ok: boolean;
  /** The policy, or `unknown` when neither CONFIG nor INFO could tell. */
  policy: string;
  warning?: string;
}

export type PingResult = { ok: true; version: string } | { ok: false; reason: string };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readPolicy(connection: Redis): Promise<string> {
  try {
    const reply = (await connection.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    if (reply[1]) return reply[1];
  } catch {
    // Managed Redis services often disable CONFIG; INFO usually still answers.
  }
  const info = await connection.info('memory');
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  if (!match?.[1]) throw new Error('INFO memory has no maxmemory_policy line');
  return match[1];
}

/**
 * BullMQ loses jobs when Redis evicts keys under memory pressure, so it needs
 * `maxmemory-policy noeviction` (https://docs.bullmq.io/guide/going-to-production#max-memory-policy).
 * Never throws: an unreadable policy is reported as a warning.
 */
export async function checkEvictionPolicy(connection: Redis): Promise<EvictionPolicyResult> {
  let policy: string;
  try {
    policy = await readPolicy(connection);
  } catch (error) {
    return {
      ok: false,
      policy: 'unknown',
      warning: `Could not read Redis maxmemory-policy (${errorMessage(error)}). Make sure it is "noeviction", or Redis may drop queued jobs under memory pressure.`,
    };
  }
  if (policy === 'noeviction') return { ok: true, policy };
  return {
    ok: false,
    policy,
    warning: `Redis maxmemory-policy is "${policy}": under memory pressure Redis will delete queued jobs. Set it to "noeviction" (redis.conf or CONFIG SET maxmemory-policy noeviction).`,
  };
}

/** One PING on a fresh, non-retrying connection; never throws. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<PingResult> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // ioredis arms this timer on disconnect even when the socket never opened; keep it short.
    disconnectTimeout: 200,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    const server = await client.info('server');
    const version = /^redis_version:(\S+)/m.exec(server)?.[1] ?? 'unknown';
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  } finally {
    client.disconnect();
  }
}
