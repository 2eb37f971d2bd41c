import { randomUUID } from 'node:crypto';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { connectWithCode, eventBody, sendSigned } from './bridge-support';
import type { ConnectedSite } from './bridge-support';

describe.each(['sqlite', 'postgres'] as const)('bridge endpoint security on %s', (dialect) => {
  let stack: TestStack;
  let site: ConnectedSite;

  beforeAll(async () => {
    stack = await createTestStack({ dialect, start: new Date('2026-11-21T08:00:00Z') });
    site = await connectWithCode(stack, 'http://shop.test');
  });
  afterAll(() => stack.close());

  async function snapshot() {
    const store = await stack.repos.stores.findById(site.siteId);
    const events = await stack.repos.lifecycleEvents.list({ storeId: site.siteId, limit: 100 });
    return {
      state: store?.state,
      automation: store?.automationEnabled,
      events: events.map((e) => e.id).sort(),
    };
  }

  function refusalLines(reason: string) {
    return stack.logLines.filter((line) => line.bridgeRefusal === reason);
  }

  const deactivated = () => eventBody('deactivated', randomUUID(), stack.clock.now());

  it('accepts a correctly signed event once and records it', async () => {
    const body = deactivated();
    const response = await sendSigned(stack, site, '/bridge/v1/events', { body });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accepted: true,
      duplicate: false,
      store_state: 'disconnecting',
      subscription: { still_billed: true, store_state: 'disconnecting' },
    });
    // The plugin's retry of the same occurrence (a fresh event id): a duplicate, the store read again.
    const retry = await sendSigned(stack, site, '/bridge/v1/events', { body });
    expect(retry.body).toMatchObject({ accepted: true, duplicate: true, store_state: 'disconnecting' });
  });

  it.each([
    ['a forged signature', 401, 'bad_signature', { secret: 'not-the-secret' }],
    ['a timestamp 301 s in the past', 401, 'stale_timestamp', { now: new Date('2026-11-21T07:54:59Z') }],
    ['a timestamp 301 s in the future', 401, 'stale_timestamp', { now: new Date('2026-11-21T08:05:01Z') }],
    ['an unknown site id', 404, 'unknown_site', { siteId: randomUUID() }],
    ['a path other than the one requested', 401, 'bad_signature', { signedPath: '/bridge/v1/heartbeat' }],
  ] as const)('refuses %s with %i (%s) and changes nothing', async (_name, status, reason, options) => {
    const before = await snapshot();
    const linesBefore = refusalLines(reason).length;
    const response = await sendSigned(stack, site, '/bridge/v1/events', { body: deactivated(), ...options });
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(reason);
    expect(await snapshot()).toEqual(before);
    expect(refusalLines(reason)).toHaveLength(linesBefore + 1);
  });

  it('refuses a replayed event id with 401 even with a valid signature', async () => {
    const eventId = randomUUID();
    const body = deactivated();
    expect(
      (await sendSigned(stack, site, '/bridge/v1/heartbeat', { eventId, body: heartbeat() })).status,
    ).toBe(200);
    const before = await snapshot();
    const replay = await sendSigned(stack, site, '/bridge/v1/events', { eventId, body });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('replayed_event');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a body over 64 KiB with 413 before reading it', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
    const response = await sendSigned(stack, site, '/bridge/v1/events', { body: big });
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('body_too_large');
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 to malformed JSON with a valid signature, records the rejection, changes no state', async () => {
    const before = await snapshot();
    const response = await sendSigned(stack, site, '/bridge/v1/events', { body: '{"type": "deactivated",' });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('malformed_json');
    const after = await snapshot();
    expect(after.state).toBe(before.state);
    expect(after.automation).toBe(before.automation);
    const rejected = await stack.repos.lifecycleEvents.list({
      storeId: site.siteId,
      outcome: 'rejected',
      limit: 5,
    });
    expect(rejected[0]).toMatchObject({ outcomeReason: 'malformed_json', topic: 'wp.unreadable' });
  });

  it('answers 401, not 400, to malformed JSON with a forged signature', async () => {
    const before = await snapshot();
    const response = await sendSigned(stack, site, '/bridge/v1/events', { body: '{oops', secret: 'forged' });
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 to an unknown event type with a valid signature', async () => {
    const body = JSON.parse(deactivated()) as Record<string, unknown>;
    const response = await sendSigned(stack, site, '/bridge/v1/events', {
      body: JSON.stringify({ ...body, type: 'paused' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_body');
  });

  it('refuses a request without the signature headers with 401', async () => {
    const response = await sendSigned(stack, site, '/bridge/v1/subscription', { method: 'GET' }).unset(
      'X-Dropship-Signature',
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('missing_headers');
  });

  it('never answers 500 to hostile input', async () => {
    const statuses = await Promise.all([
      sendSigned(stack, site, '/bridge/v1/events', { eventId: 'x'.repeat(500), body: '{}' }),
      sendSigned(stack, site, '/bridge/v1/events', { siteId: 'x'.repeat(2000), body: '{}' }),
      sendSigned(stack, site, '/bridge/v1/events', { body: 'not json', contentType: 'text/plain' }),
      sendSigned(stack, site, '/bridge/v1/heartbeat', { body: '[]' }),
    ]);
    for (const response of statuses) expect(response.status).toBeLessThan(500);
  });

  function heartbeat(): string {
    return JSON.stringify({
      site_url: 'http://shop.test',
      plugin_version: '1.0.0',
      wp_version: '6.1.1',
      wc_version: null,
      active: true,
    });
  }
});
