import { createHmac } from 'node:crypto';
import { buildAuthorizeUrl } from './build-authorize-url';
import { createConnectState, verifyConnectState } from './connect-state';
import { parseKeyCallback } from './parse-key-callback';

const secret = 'platform-state-secret';
const expiresAt = new Date('2026-11-21T08:15:00Z');

describe('connect state', () => {
  const state = createConnectState({ connectionId: 'conn_42', expiresAt }, secret);

  it('round-trips the connection id and expiry while unexpired', () => {
    expect(verifyConnectState(state, secret, new Date('2026-11-21T08:14:59Z'))).toEqual({
      ok: true,
      connectionId: 'conn_42',
      expiresAt,
    });
  });

  it('is expired from its expiry instant on', () => {
    expect(verifyConnectState(state, secret, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('uses only characters that survive WooCommerce cleaning user_id', () => {
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a state signed with another secret, or with a changed payload', () => {
    expect(verifyConnectState(state, 'other-secret', new Date('2026-11-21T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const [, signature] = state.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'conn_43', e: expiresAt.getTime() / 1000 })).toString(
      'base64url',
    );
    expect(verifyConnectState(`${forged}.${signature}`, secret, new Date('2026-11-21T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses an expired state even though its signature is right, and a far-future one only when expired', () => {
    const stale = createConnectState(
      { connectionId: 'c', expiresAt: new Date('2026-11-21T07:00:00Z') },
      secret,
    );
    expect(verifyConnectState(stale, secret, new Date('2026-11-21T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each(['', 'no-dot', 'a.b.c', '.sig', 'payload.'])('calls %j malformed', (value) => {
    expect(verifyConnectState(value, secret, new Date())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('calls a correctly signed payload that is not a state malformed', () => {
    const payload = Buffer.from('[1,2]').toString('base64url');
    const mac = createHmac('sha256', secret)
      .update(`dropship.wc-connect-state.v1.${payload}`)
      .digest('base64url');
    expect(verifyConnectState(`${payload}.${mac}`, secret, new Date())).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('buildAuthorizeUrl', () => {
  it('points at the site /wc-auth/v1/authorize with every parameter WooCommerce requires', () => {
    const url = new URL(
      buildAuthorizeUrl({
        siteUrl: 'https://shop.example.com/store/',
        appName: 'Dropship Connect',
        state: 'abc.def',
        returnUrl: 'https://shop.example.com/store/wp-admin/admin.php?page=dropship-connect&step=claim',
        callbackUrl: 'https://platform.example.com/woocommerce/auth/callback',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://shop.example.com/store/wc-auth/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_name: 'Dropship Connect',
      scope: 'read_write',
      user_id: 'abc.def',
      return_url: 'https://shop.example.com/store/wp-admin/admin.php?page=dropship-connect&step=claim',
      callback_url: 'https://platform.example.com/woocommerce/auth/callback',
    });
  });

  it('refuses a callback that is not https, as WooCommerce would', () => {
    expect(() =>
      buildAuthorizeUrl({
        siteUrl: 'https://s.example',
        appName: 'A',
        state: 's',
        returnUrl: 'https://s.example',
        callbackUrl: 'http://p.example/cb',
      }),
    ).toThrow(/callbackUrl: must be an https URL/);
  });
});

describe('parseKeyCallback', () => {
  const body = {
    key_id: 17,
    user_id: 'abc.def',
    consumer_key: 'ck_' + 'a1'.repeat(20),
    consumer_secret: 'cs_' + 'b2'.repeat(20),
    key_permissions: 'read_write',
  };

  it('reads the JSON body WooCommerce posts, with the echoed state', () => {
    expect(parseKeyCallback(Buffer.from(JSON.stringify(body)))).toEqual({
      ok: true,
      value: {
        keyId: 17,
        state: 'abc.def',
        consumerKey: body.consumer_key,
        consumerSecret: body.consumer_secret,
        keyPermissions: 'read_write',
      },
    });
  });

  it('accepts a key id sent as a string', () => {
    expect(parseKeyCallback({ ...body, key_id: '17' })).toMatchObject({ ok: true, value: { keyId: 17 } });
  });

  it('refuses bodies that are not JSON, or keys that are not WooCommerce keys', () => {
    expect(parseKeyCallback('key_id=17&user_id=x')).toEqual({
      ok: false,
      error: 'The key callback body is not JSON.',
    });
    const result = parseKeyCallback({ ...body, consumer_key: 'ck_short', key_permissions: 'admin' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/consumer_key: .*; key_permissions: /);
  });
});
