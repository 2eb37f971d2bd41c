import type { RequestListener } from 'node:http';
import request from 'supertest';
import { UnrecoverableError, Worker } from 'bullmq';
import type { LifecycleSource, Repositories, TeamRole } from '@dropship/core';
import { closeRedisConnection, createRedisConnection, JobNames, QueueNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { TEST_REDIS_URL } from '../../test-support/harness';
import { hashPassword } from '../team/password';

export interface SignedIn {
  /** The `Cookie` header value to send. */
  cookie: string;
  csrfToken: string;
}

/** Creates a team member the way `team:add` does. */
export async function addTeamMember(repos: Repositories, email: string, role: TeamRole, password: string) {
  return repos.team.create({ email, role, passwordHash: await hashPassword(password) });
}

/** Signs in through the real form and reads the session's CSRF token from /ops/api/session. */
export async function signIn(app: RequestListener, email: string, password: string): Promise<SignedIn> {
  const res = await request(app).post('/ops/sign-in').type('form').send({ email, password, next: '/ops' });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${res.text.slice(0, 200)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie[0]?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  const session = await request(app).get('/ops/api/session').set('Cookie', cookie);
  return { cookie, csrfToken: String(session.body.csrfToken) };
}

/**
 * Makes a lifecycle job fail for good, as a worker whose store platform keeps
 * refusing would: the job is added the production way, then run by a BullMQ
 * worker that fails it without retry.
 */
export async function failLifecycleJob(
  queues: Queues,
  payload: { eventId: string; storeId: string; source: LifecycleSource },
  reason: string,
): Promise<string> {
  const { jobId } = await queues.enqueue(JobNames.storeDisconnected, {
    ...payload,
    occurredAt: new Date().toISOString(),
  });
  const connection = createRedisConnection(TEST_REDIS_URL, 'worker');
  const worker = new Worker(
    QueueNames.lifecycle,
    async () => {
      throw new UnrecoverableError(reason);
    },
    { connection, prefix: queues.prefix },
  );
  try {
    await new Promise<void>((resolve) => worker.on('failed', (job) => job?.id === jobId && resolve()));
  } finally {
    await worker.close();
    await closeRedisConnection(connection);
  }
  return jobId;
}
