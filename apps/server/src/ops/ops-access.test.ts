import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../app';
import { createTestStack } from '../test-support/harness';
import type { TestStack } from '../test-support/harness';
import { addTeamMember, failLifecycleJob, signIn } from './test-support/team';
import type { SignedIn } from './test-support/team';

const OPS_TOKEN = 'o'.repeat(40);
const METRICS_TOKEN = 'm'.repeat(40);
const PASSWORD = 'correct horse battery staple';

let stack: TestStack;
let viewer: SignedIn;
let operator: SignedIn;
let storeId: string;

beforeAll(async () => {
  stack = await createTestStack({ env: { OPS_TOKEN, METRICS_TOKEN } });
  await addTeamMember(stack.repos, 'viewer@dropship.test', 'viewer', PASSWORD);
  await addTeamMember(stack.repos, 'Operator@Dropship.test', 'operator', PASSWORD);
  viewer = await signIn(stack.app, 'viewer@dropship.test', PASSWORD);
  operator = await signIn(stack.app, 'operator@dropship.test', PASSWORD);
  const store = await stack.repos.stores.create({ platform: 'woocommerce', domain: 'shop.example.org' });
  storeId = store.id;
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

async function failedJob(): Promise<string> {
  return failLifecycleJob(
    stack.queues,
    { eventId: randomUUID(), storeId, source: 'wp_deleted' },
    'store platform refused the request',
  );
}

describe('anonymous callers', () => {
  it.each(['/ops', '/ops/stores/x', '/ops/queues', '/ops/queues/api/queues'])(
    'GET %s is refused and sent to the sign-in page',
    async (path) => {
      const res = await request(stack.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/ops\/sign-in\?next=/);
      expect(res.text).not.toContain('shop.example.org');
    },
  );

  it.each([
    '/ops/api/overview',
    '/ops/api/session',
    '/ops/api/stores/lookup?platform=woocommerce&domain=shop.example.org',
  ])('GET %s answers 401', async (path) => {
    const res = await request(stack.app).get(path);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('state-changing requests answer 401, not a redirect', async () => {
    const jobId = await failedJob();
    for (const path of [
      `/ops/lifecycle-jobs/${jobId}/retry`,
      `/ops/queues/api/queues/lifecycle/${jobId}/retry`,
    ]) {
      const res = await request(stack.app).post(path);
      expect(res.status).toBe(401);
    }
    expect(await (await stack.queues.lifecycle.getJob(jobId))?.getState()).toBe('failed');
  });

  it('/metrics needs the metrics token', async () => {
    expect((await request(stack.app).get('/metrics')).status).toBe(401);
    expect(
      (await request(stack.app).get('/metrics').set('Authorization', `Bearer ${OPS_TOKEN}`)).status,
    ).toBe(401);
    const ok = await request(stack.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
    expect(ok.text).toContain('# TYPE dropship_queue_jobs gauge');
  });

  it('a wrong ops token is no better than none', async () => {
    const res = await request(stack.app).get('/ops/api/overview').set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
  });
});

describe('sign-in', () => {
  it('a wrong password is refused without a session', async () => {
    const res = await request(stack.app)
      .post('/ops/sign-in')
      .type('form')
      .send({ email: 'viewer@dropship.test', password: 'wrong password!' });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('Wrong e-mail or password.');
  });

  it('the session cookie is HTTP-only and SameSite=Strict', async () => {
    const res = await request(stack.app)
      .post('/ops/sign-in')
      .type('form')
      .send({ email: 'viewer@dropship.test', password: PASSWORD });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/ops/);
  });

  it('a session made by one server process is honoured by another (sessions live in the database)', async () => {
    const otherProcess = createApp(stack.deps);
    const res = await request(otherProcess).get('/ops/api/session').set('Cookie', viewer.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'viewer@dropship.test', role: 'viewer' });
  });

  it('sign-out ends the session everywhere', async () => {
    const member = await signIn(stack.app, 'viewer@dropship.test', PASSWORD);
    const out = await request(stack.app)
      .post('/ops/sign-out')
      .set('Cookie', member.cookie)
      .type('form')
      .send({ _csrf: member.csrfToken });
    expect(out.status).toBe(303);
    expect((await request(stack.app).get('/ops/api/session').set('Cookie', member.cookie)).status).toBe(401);
  });

  it('a crafted next parameter cannot send the member off-site', async () => {
    const res = await request(stack.app)
      .post('/ops/sign-in')
      .type('form')
      .send({ email: 'viewer@dropship.test', password: PASSWORD, next: 'https://evil.example/ops' });
    expect(res.headers.location).toBe('/ops');
  });
});

describe('viewers', () => {
  it('see the lifecycle view and the read-only queue board', async () => {
    expect((await request(stack.app).get('/ops').set('Cookie', viewer.cookie)).status).toBe(200);
    const queues = await request(stack.app).get('/ops/queues/api/queues').set('Cookie', viewer.cookie);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['lifecycle', 'orders', 'order-sync', 'billing', 'notifications']),
    );
    expect(queues.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
  });

  it('cannot retry, remove or clean jobs on the board: the request is refused', async () => {
    const jobId = await failedJob();
    const attempts = [
      request(stack.app).put(`/ops/queues/api/queues/lifecycle/${jobId}/retry`),
      request(stack.app).put(`/ops/queues/api/queues/lifecycle/retry/failed`),
      request(stack.app).put(`/ops/queues/api/queues/lifecycle/${jobId}/clean`),
      request(stack.app).put(`/ops/queues/api/queues/lifecycle/clean/failed`),
      request(stack.app).put(`/ops/queues/api/queues/lifecycle/empty`),
      request(stack.app).delete(`/ops/queues/api/queues/lifecycle/obliterate`),
      request(stack.app).post(`/ops/queues/api/queues/lifecycle/add`).send({ name: 'x', data: {} }),
    ];
    for (const attempt of attempts) {
      const res = await attempt.set('Cookie', viewer.cookie).set('Origin', 'http://127.0.0.1');
      expect(res.status).toBe(403);
    }
    const job = await stack.queues.lifecycle.getJob(jobId);
    expect(await job?.getState()).toBe('failed');
  });

  it('cannot retry a lifecycle job from the lifecycle view or the API, even with a valid CSRF token', async () => {
    const jobId = await failedJob();
    const page = await request(stack.app)
      .post(`/ops/lifecycle-jobs/${jobId}/retry`)
      .set('Cookie', viewer.cookie)
      .type('form')
      .send({ _csrf: viewer.csrfToken });
    const api = await request(stack.app)
      .post(`/ops/api/lifecycle-jobs/${jobId}/retry`)
      .set('Cookie', viewer.cookie)
      .set('X-CSRF-Token', viewer.csrfToken);
    expect([page.status, api.status]).toEqual([403, 403]);
    expect(await (await stack.queues.lifecycle.getJob(jobId))?.getState()).toBe('failed');
  });

  it('see no retry button in the lifecycle view', async () => {
    await failedJob();
    const page = await request(stack.app).get('/ops').set('Cookie', viewer.cookie);
    expect(page.text).toContain('store platform refused the request');
    expect(page.text).not.toContain('>Retry</button>');
  });
});

describe('operators', () => {
  it('retry a failed lifecycle job from the view with the CSRF token, and it shows on the store timeline', async () => {
    const jobId = await failedJob();
    const res = await request(stack.app)
      .post(`/ops/lifecycle-jobs/${jobId}/retry`)
      .set('Cookie', operator.cookie)
      .type('form')
      .send({ _csrf: operator.csrfToken });
    expect(res.status).toBe(303);
    expect(await (await stack.queues.lifecycle.getJob(jobId))?.getState()).toBe('waiting');
    const timeline = await request(stack.app)
      .get(`/ops/api/stores/${storeId}/timeline`)
      .set('Authorization', `Bearer ${OPS_TOKEN}`);
    expect(timeline.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'audit', summary: 'ops.lifecycle_job.retried (store)' }),
      ]),
    );
  });

  it('are refused without the CSRF token, or with another session’s', async () => {
    const jobId = await failedJob();
    const missing = await request(stack.app)
      .post(`/ops/lifecycle-jobs/${jobId}/retry`)
      .set('Cookie', operator.cookie);
    const foreign = await request(stack.app)
      .post(`/ops/api/lifecycle-jobs/${jobId}/retry`)
      .set('Cookie', operator.cookie)
      .set('X-CSRF-Token', viewer.csrfToken);
    expect([missing.status, foreign.status]).toEqual([403, 403]);
    expect(await (await stack.queues.lifecycle.getJob(jobId))?.getState()).toBe('failed');
  });

  it('retry on the board from the same origin, and are refused from another origin', async () => {
    const jobId = await failedJob();
    const crossSite = await request(stack.app)
      .put(`/ops/queues/api/queues/lifecycle/${jobId}/retry`)
      .set('Cookie', operator.cookie)
      .set('Host', 'ops.dropship.test')
      .set('Origin', 'https://evil.example');
    expect(crossSite.status).toBe(403);
    const sameSite = await request(stack.app)
      .put(`/ops/queues/api/queues/lifecycle/${jobId}/retry`)
      .set('Cookie', operator.cookie)
      .set('Host', 'ops.dropship.test')
      .set('Origin', 'https://ops.dropship.test');
    expect(sameSite.status).toBe(204);
    expect(await (await stack.queues.lifecycle.getJob(jobId))?.getState()).toBe('waiting');
  });

  it('scripts with the ops token retry through the API without a CSRF token (no cookie involved)', async () => {
    const jobId = await failedJob();
    const res = await request(stack.app)
      .post(`/ops/api/lifecycle-jobs/${jobId}/retry`)
      .set('Authorization', `Bearer ${OPS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body.job).toMatchObject({ jobId, state: 'waiting' });
  });
});
