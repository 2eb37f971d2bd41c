import { createHash, createHmac } from 'node:crypto';
import { parseBridgeHeaders, verifyBridgeRequest } from './verify-request';
import { signBridgeRequest } from './sign-request';
import { bridgeCanonicalString } from './canonical-string';

const secret = 'site-secret-7f3a9c';
const siteId = 'site_01J9Z';
const eventId = '2f1d7c1e-8a4b-4c3e-9f00-0b6a1d2e3f4a';
const timestamp = 1_790_000_000;
const body = '{"type":"deactivated","occurrence_id":"5f0c"}';
const at = (seconds: number) => new Date(seconds * 1000);

function signed(overrides: { body?: string; path?: string; method?: string } = {}) {
  return signBridgeRequest({
    method: overrides.method ?? 'POST',
    path: overrides.path ?? '/bridge/v1/events',
    siteId,
    secret,
    rawBody: overrides.body ?? body,
    now: at(timestamp),
    eventId,
  });
}

function verify(
  headers: Record<string, string>,
  overrides: { body?: string; path?: string; method?: string; now?: Date; secret?: string } = {},
) {
  return verifyBridgeRequest({
    method: overrides.method ?? 'POST',
    path: overrides.path ?? '/bridge/v1/events',
    headers,
    rawBody: overrides.body ?? body,
    secret: overrides.secret ?? secret,
    now: overrides.now ?? at(timestamp),
  });
}

describe('bridge request signature', () => {
  it('matches HMAC-SHA256 over METHOD, PATH, TIMESTAMP, EVENT_ID and the body hash, computed independently', () => {
    const bodyHash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
    const canonical = `POST\n/bridge/v1/events\n${timestamp}\n${eventId}\n${bodyHash}`;
    const expected = 'v1=' + createHmac('sha256', secret).update(canonical).digest('base64');

    const { headers } = signed();

    expect(headers).toEqual({
      'x-dropship-site': siteId,
      'x-dropship-timestamp': String(timestamp),
      'x-dropship-event-id': eventId,
      'x-dropship-signature': expected,
    });
    expect(verify(headers)).toEqual({ valid: true, siteId, eventId, timestamp });
  });

  it('hashes an empty body as the SHA-256 of nothing (e3b0c442…)', () => {
    expect(
      bridgeCanonicalString({
        method: 'get',
        path: '/bridge/v1/subscription?x=1',
        timestamp: '1',
        eventId: 'e',
        rawBody: '',
      }),
    ).toBe(
      'GET\n/bridge/v1/subscription\n1\ne\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('accepts the same request read with upper-case header names, a lower-case method and a query string', () => {
    const { headers } = signed();
    const shouting = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verify(shouting, { method: 'post', path: '/bridge/v1/events?debug=1' })).toMatchObject({
      valid: true,
    });
  });

  it.each([
    ['a tampered body', { body: body.replace('deactivated', 'activated') }],
    ['another path', { path: '/bridge/v1/heartbeat' }],
    ['another method', { method: 'PUT' }],
    ['another secret', { secret: 'not-the-secret' }],
  ])('rejects %s as bad_signature', (_label, overrides) => {
    expect(verify(signed().headers, overrides)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('rejects a changed timestamp or event id as bad_signature', () => {
    const { headers } = signed();
    expect(verify({ ...headers, 'x-dropship-timestamp': String(timestamp + 1) })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    expect(verify({ ...headers, 'x-dropship-event-id': '2f1d7c1e-8a4b-4c3e-9f00-0b6a1d2e3f4b' })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a signature without the v1= prefix or of the wrong length', () => {
    const { headers } = signed();
    const mac = headers['x-dropship-signature'].slice(3);
    expect(verify({ ...headers, 'x-dropship-signature': mac })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    expect(verify({ ...headers, 'x-dropship-signature': 'v1=' + mac.slice(0, 10) })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('accepts a timestamp exactly 300 s away on either side and rejects 301 s as stale', () => {
    const { headers } = signed();
    expect(verify(headers, { now: at(timestamp + 300) })).toMatchObject({ valid: true });
    expect(verify(headers, { now: at(timestamp - 300) })).toMatchObject({ valid: true });
    expect(verify(headers, { now: at(timestamp + 301) })).toEqual({
      valid: false,
      reason: 'stale_timestamp',
    });
    expect(verify(headers, { now: at(timestamp - 301) })).toEqual({
      valid: false,
      reason: 'stale_timestamp',
    });
  });

  it.each(['1.79e9', '-1790000000', 'yesterday', '1790000000.5'])(
    'rejects the timestamp %s as malformed',
    (value) => {
      expect(verify({ ...signed().headers, 'x-dropship-timestamp': value })).toEqual({
        valid: false,
        reason: 'malformed_timestamp',
      });
    },
  );

  it.each(['x-dropship-site', 'x-dropship-timestamp', 'x-dropship-event-id', 'x-dropship-signature'])(
    'rejects a request without %s',
    (name) => {
      const headers: Record<string, string> = { ...signed().headers };
      delete headers[name];
      expect(verify(headers)).toEqual({ valid: false, reason: 'missing_headers' });
      expect(verify({ ...headers, [name]: '  ' })).toEqual({ valid: false, reason: 'missing_headers' });
    },
  );

  it('parseBridgeHeaders gives the site id before any secret is known', () => {
    expect(parseBridgeHeaders(signed().headers)).toMatchObject({
      ok: true,
      siteId,
      eventId,
      timestamp: String(timestamp),
    });
    expect(parseBridgeHeaders({ 'x-dropship-site': siteId })).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
  });

  it('signs a fresh UUID v4 event id for every request when none is given', () => {
    const a = signBridgeRequest({ method: 'POST', path: '/p', siteId, secret, rawBody: '' });
    const b = signBridgeRequest({ method: 'POST', path: '/p', siteId, secret, rawBody: '' });
    expect(a.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.eventId).not.toBe(b.eventId);
  });
});
