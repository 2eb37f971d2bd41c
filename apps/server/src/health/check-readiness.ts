import type { Database } from '@dropship/storage';
import type { RedisProbe } from '../server-deps';

export type CheckResult = 'ok' | `down: ${string}`;

export interface ReadinessResult {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult };
}

export interface ReadinessDeps {
  db: Pick<Database, 'ping'>;
  redis: RedisProbe;
  timeoutMs: number;
}

function withTimeout<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve().then(work), timeout]).finally(() => clearTimeout(timer));
}

async function check(work: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  try {
    await withTimeout(work, timeoutMs);
    return 'ok';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `down: ${message.slice(0, 200)}`;
  }
}

/** Asks the database and Redis at the same time; ready when both answer. */
export async function checkReadiness(deps: ReadinessDeps): Promise<ReadinessResult> {
  const { db, redis, timeoutMs } = deps;
  const pingRedis = typeof redis === 'function' ? redis : () => redis.ping();
  const [database, redisResult] = await Promise.all([
    check(() => db.ping(), timeoutMs),
    check(pingRedis, timeoutMs),
  ]);
  return { ready: database === 'ok' && redisResult === 'ok', checks: { database, redis: redisResult } };
}
