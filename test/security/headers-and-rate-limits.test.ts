import express from 'express';
import request from 'supertest';
import { createApp, securityHeaders } from '@dropship/server';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({
    options: {
      rateLimits: { sign_in: { limit: 3, windowMs: 60_000 }, bridge_connect: { limit: 2, windowMs: 60_000 } },
    },
  });
});
afterAll(() => stack?.close());

describe('security headers', () => {
  test('JSON and webhook responses refuse sniffing and framing and load nothing', async () => {
    for (const response of [
      await request(stack.app).get('/healthz'),
      await request(stack.app).post('/webhooks/app/uninstalled').send('{}'),
    ]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  test('the ops and account pages get a script policy of their own origin and cannot be framed', async () => {
    for (const path of ['/ops/sign-in', '/account/sign-in']) {
      const response = await request(stack.app).get(path);
      expect(response.status).toBe(200);
      const policy = response.headers['content-security-policy'] as string;
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-eval');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  test('the embedded app carries no X-Frame-Options, so the Shopify admin can frame it', async () => {
    const response = await request(stack.app).get('/app?shop=fuzz.myshopify.com&host=x');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('HSTS is sent in production only', async () => {
    const app = (production: boolean) =>
      express()
        .use(securityHeaders({ production }))
        .get('/', (_req, res) => void res.send('ok'));
    expect((await request(app(true)).get('/')).headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect((await request(app(false)).get('/')).headers['strict-transport-security']).toBeUndefined();
    expect((await request(stack.app).get('/healthz')).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('rate limits', () => {
  test('sign-in attempts from one address are limited across server processes (counted in Redis), with Retry-After', async () => {
    const other = createApp(stack.deps);
    const statuses: number[] = [];
    for (const app of [stack.app, other, stack.app, other]) {
      const response = await request(app)
        .post('/account/sign-in')
        .type('form')
        .send({ email: 'nobody@shop.test', password: 'wrong-password-1' });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
    expect(statuses[3]).toBe(429);
  });

  test('the unsigned bridge connect endpoints are limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (
          await request(stack.app)
            .post('/bridge/v1/connect/code')
            .send({ code: 'DC-NOPE', site_url: 'https://x.example.com' })
        ).status,
      );
    }
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses[2]).toBe(429);
  });

  test('behind a trusted load balancer (TRUST_PROXY) each client has its own limit; otherwise X-Forwarded-For is not believed', async () => {
    const signIn = (app: Parameters<typeof request>[0], forwardedFor: string) =>
      request(app)
        .post('/account/sign-in')
        .set('x-forwarded-for', forwardedFor)
        .type('form')
        .send({ email: 'nobody@shop.test', password: 'wrong-password-1' })
        .then((response) => response.status);
    const balanced = createApp({ ...stack.deps, config: { ...stack.deps.config, trustProxy: 1 } });
    const first: number[] = [];
    for (let i = 0; i < 4; i += 1) first.push(await signIn(balanced, '198.51.100.7'));
    expect(first.slice(0, 3)).not.toContain(429);
    expect(first[3]).toBe(429);
    // Another client behind the same balancer keeps its own allowance.
    expect(await signIn(balanced, '198.51.100.8')).not.toBe(429);

    // Without trust, a client cannot escape its limit by writing a new address each time.
    const direct: number[] = [];
    for (let i = 0; i < 4; i += 1) direct.push(await signIn(stack.app, `203.0.113.${i + 1}`));
    expect(direct[3]).toBe(429);
  });

  test('webhooks are not limited: they are signed and high-volume by design', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i += 1)
      statuses.add((await request(stack.app).post('/webhooks/app/uninstalled').send('{}')).status);
    expect(statuses.has(429)).toBe(false);
  });
});
