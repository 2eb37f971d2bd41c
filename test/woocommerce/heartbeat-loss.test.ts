import { detectLostHeartbeats } from '@dropship/lifecycle';
import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';
import { connectWithCode, sendSigned } from './bridge-support';

const HOUR = 60 * 60 * 1000;
const heartbeat = JSON.stringify({
  site_url: 'http://quiet.test',
  plugin_version: '1.0.0',
  wp_version: '6.1.1',
  wc_version: null,
  active: true,
});

describe('heartbeat and its loss', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack({ start: new Date('2026-11-21T08:00:00Z') });
  });
  afterAll(() => stack.close());

  it('records a heartbeat, then a silence over 72 h once as heartbeat_lost, and a heartbeat after it reconnects', async () => {
    const site = await connectWithCode(stack, 'http://quiet.test');
    stack.clock.advance(HOUR);
    expect((await sendSigned(stack, site, '/bridge/v1/heartbeat', { body: heartbeat })).status).toBe(200);
    expect((await stack.repos.stores.getCredentials(site.siteId))?.heartbeatAt).toEqual(stack.clock.now());

    stack.clock.advance(71 * HOUR);
    expect((await detectLostHeartbeats(stack.deps)).disconnected).toEqual([]);
    stack.clock.advance(2 * HOUR);
    const first = await detectLostHeartbeats(stack.deps);
    expect(first.disconnected).toEqual([site.siteId]);
    // Recording the loss took the store out of `connected` at once: a second run finds nothing to do.
    expect(await stack.repos.stores.findById(site.siteId)).toMatchObject({
      state: 'disconnecting',
      automationEnabled: false,
      disconnectSource: 'heartbeat_lost',
    });
    expect(await detectLostHeartbeats(stack.deps)).toMatchObject({ disconnected: [], alreadyRecorded: [] });
    const lost = await stack.repos.lifecycleEvents.list({ storeId: site.siteId, limit: 10 });
    expect(lost.filter((e) => e.source === 'heartbeat_lost')).toHaveLength(1);

    // What the worker's disconnect job leaves: the store disconnected for a lost heartbeat.
    await stack.repos.stores.update(site.siteId, {
      state: 'disconnected',
      disconnectSource: 'heartbeat_lost',
      disconnectedAt: stack.clock.now(),
    });
    expect((await sendSigned(stack, site, '/bridge/v1/heartbeat', { body: heartbeat })).status).toBe(200);
    const resumed = (await stack.repos.lifecycleEvents.list({ storeId: site.siteId, limit: 10 })).find(
      (e) => e.topic === 'wp.heartbeat_resumed',
    );
    expect(resumed).toMatchObject({ source: 'wp_activated', outcome: 'pending' });
  });
});
