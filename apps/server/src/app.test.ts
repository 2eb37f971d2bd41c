import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { closeRedisConnection, createRedisConnection } from '@dropship/queues';
import { openDatabase } from '@dropship/storage';
import { createApp } from './index';
import { createTestStack } from './test-support/harness';
import type { TestStack } from './test-support/harness';
import type { ServerDeps } from './index';

let stack: TestStack;
let deps: ServerDeps;
let lines: Array<Record<string, unknown>>;

beforeAll(async () => {
  stack = await createTestStack({ options: { bodyLimitBytes: 10 * 1024 } });
  deps = stack.deps;
  lines = stack.logLines;
});

afterAll(async () => {
  await stack.close();
});

describe('health', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const res = await request(createApp(deps)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when the SQLite database and Redis both answer', async () => {
    const res = await request(createApp(deps)).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
  });

  it('/readyz answers 503 naming Redis when Redis is on a dead port', async () => {
    const dead = createRedisConnection('redis://127.0.0.1:1', 'producer');
    try {
      const res = await request(createApp({ ...deps, redis: dead })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.checks.database).toBe('ok');
      expect(res.body.checks.redis).toMatch(/^down: /);
    } finally {
      await closeRedisConnection(dead);
    }
  });

  it('/readyz answers 503 naming the database when it is closed', async () => {
    const closedDir = mkdtempSync(path.join(tmpdir(), 'dropship-server-closed-'));
    const closed = await openDatabase({ dataDir: closedDir });
    await closed.close();
    try {
      const res = await request(createApp({ ...deps, db: closed })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 'unavailable',
        checks: { database: expect.stringMatching(/^down: /), redis: 'ok' },
      });
    } finally {
      rmSync(closedDir, { recursive: true, force: true });
    }
  });

  it('/readyz reports a dependency that hangs as down after the timeout', async () => {
    const hanging = () => new Promise<never>(() => undefined);
    const app = createApp({ ...deps, redis: hanging, options: { readinessTimeoutMs: 50 } });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.redis).toBe('down: no answer within 50 ms');
  });
});

describe('request ids and logs', () => {
  it('a sane incoming X-Request-Id is echoed and logged', async () => {
    const res = await request(createApp(deps)).get('/readyz').set('X-Request-Id', 'lb-1234.abcd');
    expect(res.headers['x-request-id']).toBe('lb-1234.abcd');
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'lb-1234.abcd');
    expect(line).toMatchObject({
      msg: 'request completed',
      res: { statusCode: 200 },
      req: { path: '/readyz' },
    });
  });

  it('a missing or insane X-Request-Id is replaced by a generated one', async () => {
    const app = createApp(deps);
    const none = await request(app).get('/healthz');
    const insane = await request(app).get('/healthz').set('X-Request-Id', 'bad id\twith "quotes"');
    for (const res of [none, insane]) {
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(none.headers['x-request-id']).not.toBe(insane.headers['x-request-id']);
  });

  it('logged paths leave out query strings, which can carry secrets', async () => {
    await request(createApp(deps)).get('/nowhere?consumer_secret=cs_123').set('X-Request-Id', 'query-check');
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'query-check');
    expect(line?.req).toEqual(expect.objectContaining({ path: '/nowhere' }));
    expect(JSON.stringify(line)).not.toContain('cs_123');
  });
});

describe('errors', () => {
  it('an unknown route answers a JSON 404 with the request id', async () => {
    const res = await request(createApp(deps)).get('/no/such/route').set('X-Request-Id', 'r-404');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: expect.stringContaining('GET /no/such/route'),
        requestId: 'r-404',
      },
    });
  });

  it('malformed JSON answers 400', async () => {
    const res = await request(createApp(deps))
      .post('/healthz')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'MALFORMED_BODY',
      message: 'The request body is not valid JSON.',
    });
  });

  it('a body over the limit answers 413', async () => {
    const res = await request(createApp(deps))
      .post('/healthz')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
