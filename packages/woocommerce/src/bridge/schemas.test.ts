import { parseBridgeBody } from './schemas';

const event = {
  type: 'deactivated',
  occurrence_id: '5f0c2a3e-1b2c-4d5e-8f90-123456789abc',
  occurred_at: '2026-11-21T08:00:00Z',
  site_url: 'https://shop.example.com',
  plugin_version: '1.0.0',
  wp_version: '6.1.1',
  wc_version: null,
  reason: 'Switching to another supplier',
};

describe('bridge body schemas', () => {
  it('parses a lifecycle event from the raw bytes', () => {
    expect(parseBridgeBody('event', Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, value: event });
  });

  it('accepts an event without a reason and drops unknown fields', () => {
    const { reason: _reason, ...rest } = event;
    const result = parseBridgeBody('event', JSON.stringify({ ...rest, extra: 1 }));
    expect(result).toEqual({ ok: true, value: rest });
  });

  it('names every wrong field of an unknown event type in a readable error', () => {
    const result = parseBridgeBody('event', { ...event, type: 'paused', occurred_at: 'yesterday' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('invalid_body');
      expect(result.error).toMatch(/^type: .*; occurred_at: /);
    }
  });

  it('reports malformed JSON separately from an invalid body', () => {
    expect(parseBridgeBody('heartbeat', '{"site_url":')).toEqual({
      ok: false,
      reason: 'malformed_json',
      error: 'The body is not valid JSON.',
    });
  });

  it('parses heartbeat, connect/start, claim and code bodies', () => {
    const heartbeat = {
      site_url: 'https://shop.example.com',
      plugin_version: '1.0.0',
      wp_version: '6.1.1',
      wc_version: '9.4.2',
      active: true,
    };
    expect(parseBridgeBody('heartbeat', heartbeat)).toEqual({ ok: true, value: heartbeat });
    const start = {
      site_url: 'https://shop.example.com',
      admin_email: 'owner@example.com',
      return_url: 'https://shop.example.com/wp-admin/admin.php?page=dropship',
    };
    expect(parseBridgeBody('connectStart', start)).toEqual({ ok: true, value: start });
    expect(
      parseBridgeBody('connectClaim', { connection_id: 'conn_1', claim_secret: 'c'.repeat(32) }),
    ).toMatchObject({ ok: true });
    expect(
      parseBridgeBody('connectCode', { code: 'ABCD-1234', site_url: 'http://shop.local' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a connect/start with a bad e-mail or a non-http return URL', () => {
    const result = parseBridgeBody('connectStart', {
      site_url: 'https://a.example',
      admin_email: 'nope',
      return_url: 'javascript:alert(1)',
    });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_body' });
    if (!result.ok) expect(result.error).toMatch(/admin_email: .*; return_url: /);
  });
});
