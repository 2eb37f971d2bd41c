import request from 'supertest';
import { hashPassword } from '../../apps/server/src/ops';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { createSessionToken } from '../support/shopify-stand-in/session-token';
import { signIn } from './account-fixtures';

describe('owner sign-in', () => {
  let stack: TestStack;
  let accountId: string;

  beforeEach(async () => {
    stack = await createTestStack({ start: new Date('2028-01-31T10:00:00Z') });
    accountId = (await stack.repos.accounts.create({ email: 'owner@example.test' })).id;
  });
  afterEach(() => stack.close());

  it('a plugin login link opens a server-side session in an HTTP-only, SameSite=Lax cookie, once', async () => {
    const store = await stack.repos.stores.create({
      accountId,
      platform: 'woocommerce',
      domain: 'a.example.test',
    });
    const token = 'plugin-link-token-0123456789abcdef';
    const now = stack.clock.now();
    await stack.repos.loginTokens.create({
      token,
      accountId,
      storeId: store.id,
      expiresAt: new Date(now.getTime() + 60_000),
      createdAt: now,
    });
    const first = await request(stack.app).get(`/account/login?token=${token}`).expect(303);
    expect(first.headers.location).toBe(`/app/settings/stores?store=${store.id}`);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/^dc_session=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const raw = cookie.split(';')[0]?.split('=')[1] as string;
    expect(JSON.stringify(await stack.db.knex('owner_sessions').select())).not.toContain(raw);
    await request(stack.app).get(`/account/login?token=${token}`).expect(401);
  });

  it('/api/me gives the account and the CSRF token of the session', async () => {
    const session = await signIn(stack, accountId);
    const me = await session.agent.get('/api/me').expect(200);
    expect(me.body).toMatchObject({
      account: { id: accountId, email: 'owner@example.test' },
      mode: 'account',
      locale: 'en',
    });
    expect(me.body.csrfToken).toHaveLength(32);
  });

  it('e-mail + password signs in; a wrong password is refused; sign-in is rate limited per IP and e-mail', async () => {
    await stack.repos.accountCredentials.setPasswordHash(
      accountId,
      await hashPassword('correct horse battery'),
      stack.clock.now(),
    );
    const ok = await request(stack.app)
      .post('/account/sign-in')
      .send({ email: 'Owner@Example.test', password: 'correct horse battery' })
      .expect(200);
    expect(ok.body.csrfToken).toEqual(expect.any(String));
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await request(stack.app)
        .post('/account/sign-in')
        .send({ email: 'owner@example.test', password: 'nope' });
      expect(wrong.status).toBe(401);
    }
    const limited = await request(stack.app)
      .post('/account/sign-in')
      .send({ email: 'owner@example.test', password: 'correct horse battery' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.kind).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(stack.app)
      .post('/account/sign-in')
      .send({ email: 'other@example.test', password: 'x' })
      .expect(401);
    stack.clock.advance(15 * 60_000);
    await request(stack.app)
      .post('/account/sign-in')
      .send({ email: 'owner@example.test', password: 'correct horse battery' })
      .expect(200);
  });

  it('a magic link goes to the outbox and signs in once; unknown addresses get the same answer', async () => {
    const sent = await request(stack.app)
      .post('/account/magic-link')
      .send({ email: 'owner@example.test' })
      .expect(202);
    const unknown = await request(stack.app)
      .post('/account/magic-link')
      .send({ email: 'nobody@example.test' })
      .expect(202);
    expect(unknown.body).toEqual(sent.body);
    const [mail] = await stack.repos.outbox.list({ tag: 'magic-link', limit: 5 });
    expect(mail?.to).toBe('owner@example.test');
    const link = /https?:\/\/\S+/.exec(mail?.text ?? '')?.[0] as string;
    const path = new URL(link).pathname + new URL(link).search;
    await request(stack.app).get(path).expect(303);
    await request(stack.app).get(path).expect(401);
  });

  it('an owner who came by link sets a password (session + CSRF), then signs in with it', async () => {
    const session = await signIn(stack, accountId);
    await session.agent
      .post('/api/account/password')
      .send({ password: 'a long enough password' })
      .expect(403);
    await session.agent
      .post('/api/account/password')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ password: 'short' })
      .expect(400);
    await session.agent
      .post('/api/account/password')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ password: 'a long enough password' })
      .expect(204);
    const stored = await stack.repos.accountCredentials.getPasswordHash(accountId);
    expect(stored).toMatch(/^scrypt\$/);
    await request(stack.app)
      .post('/account/sign-in')
      .send({ email: 'owner@example.test', password: 'a long enough password' })
      .expect(200);
  });

  it('signing out ends the session on the server', async () => {
    const session = await signIn(stack, accountId);
    await session.agent.post('/account/sign-out').expect(204);
    await request(stack.app).get('/api/me').set('Cookie', session.cookie).expect(401);
  });

  it('the embedded app authenticates with the App Bridge session token of an installed shop', async () => {
    await stack.repos.stores.create({ accountId, platform: 'shopify', domain: 'owner.myshopify.com' });
    const { apiKey, apiSecret } = stack.config.shopify;
    const token = createSessionToken({ apiKey, apiSecret, shop: 'owner.myshopify.com' });
    const me = await request(stack.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({
      mode: 'embedded',
      csrfToken: null,
      shop: 'owner.myshopify.com',
      account: { id: accountId },
    });
    const forged = createSessionToken({ apiKey, apiSecret: 'not-the-secret', shop: 'owner.myshopify.com' });
    await request(stack.app).get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const unknownShop = createSessionToken({ apiKey, apiSecret, shop: 'stranger.myshopify.com' });
    await request(stack.app).get('/api/me').set('Authorization', `Bearer ${unknownShop}`).expect(401);
  });
});
