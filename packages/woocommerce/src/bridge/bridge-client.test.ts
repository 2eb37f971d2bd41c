import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBridgeClient } from './bridge-client';
import { verifyBridgeRequest } from './verify-request';

describe('bridge client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: { path: string; verdict: unknown; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const verdict = verifyBridgeRequest({
          method: req.method ?? '',
          path,
          headers: req.headers,
          rawBody,
          secret: 'the-secret',
          now: new Date(),
        });
        seen.push({ path, verdict, body: rawBody.toString('utf8') });
        res.writeHead(verdict.valid ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(verdict));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  it('signs the full path when the platform is mounted under a prefix', async () => {
    const client = createBridgeClient({ baseUrl: `${baseUrl}/api/`, siteId: 'site_1', secret: 'the-secret' });
    const answer = await client.sendHeartbeat({
      site_url: 'https://shop.example.com',
      plugin_version: '1.0.0',
      wp_version: '6.1.1',
      wc_version: null,
      active: true,
    });
    expect(seen[0]?.path).toBe('/api/bridge/v1/heartbeat');
    expect(answer).toMatchObject({ status: 200, body: { valid: true } });
  });

  it('sends lifecycle events, heartbeats and subscription reads that the platform verifies', async () => {
    const client = createBridgeClient({ baseUrl, siteId: 'site_1', secret: 'the-secret' });
    const event = {
      type: 'deleted' as const,
      occurrence_id: '5f0c2a3e-1b2c-4d5e-8f90-123456789abc',
      occurred_at: '2026-11-21T08:00:00Z',
      site_url: 'https://shop.example.com',
      plugin_version: '1.0.0',
      wp_version: '6.1.1',
      wc_version: null,
    };
    expect(await client.sendEvent(event)).toMatchObject({
      status: 200,
      body: { valid: true, siteId: 'site_1' },
    });
    expect(
      await client.sendHeartbeat({
        site_url: event.site_url,
        plugin_version: '1.0.0',
        wp_version: '6.1.1',
        wc_version: null,
        active: true,
      }),
    ).toMatchObject({ status: 200 });
    expect(await client.getSubscription()).toMatchObject({ status: 200 });
    expect(seen.map((s) => [s.path, s.body === '' ? 'empty' : 'json'])).toEqual([
      ['/bridge/v1/events', 'json'],
      ['/bridge/v1/heartbeat', 'json'],
      ['/bridge/v1/subscription', 'empty'],
    ]);
  });

  it('a client holding the wrong secret is refused with bad_signature', async () => {
    const client = createBridgeClient({ baseUrl, siteId: 'site_1', secret: 'stolen-guess' });
    expect(await client.requestLoginLink()).toEqual({
      status: 401,
      body: { valid: false, reason: 'bad_signature' },
    });
  });

  it('a client whose clock is 10 minutes off is refused with stale_timestamp', async () => {
    const client = createBridgeClient({
      baseUrl,
      siteId: 'site_1',
      secret: 'the-secret',
      now: () => new Date(Date.now() - 600_000),
    });
    expect(await client.getSubscription()).toEqual({
      status: 401,
      body: { valid: false, reason: 'stale_timestamp' },
    });
  });

  it('connect calls are unsigned', async () => {
    const client = createBridgeClient({ baseUrl });
    await client.connectStart({
      site_url: 'https://shop.example.com',
      admin_email: 'o@example.com',
      return_url: 'https://shop.example.com/x',
    });
    expect(seen[0]?.verdict).toEqual({ valid: false, reason: 'missing_headers' });
    await expect(client.sendEvent({} as never)).rejects.toThrow(/siteId and secret/);
  });
});
