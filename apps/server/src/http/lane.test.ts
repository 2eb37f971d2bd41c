import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { ErrorKinds } from '@dropship/core';
import { ServerError } from '../errors';
import { createLane } from './lane';
import type { Endpoint, LaneRoute } from './lane';
import { REQUEST_ID_HEADER } from './request-context';

interface Logged {
  msg: string;
  level: number;
  req: { id: string; path: string };
  res: { statusCode: number };
  err?: { message: string };
  [field: string]: unknown;
}

/** A lane in front of a stand-in app that says when it was reached; the log lines are kept. */
function listenerWith(route: Partial<LaneRoute> & { endpoint: Endpoint }, limit = 1024) {
  const lines: Logged[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Logged) });
  const lane = createLane({
    routes: [{ method: 'POST', path: '/hook', ...route }],
    log,
    bodyLimit: limit,
    production: true,
  });
  const app = express();
  app.use(express.raw({ type: () => true, inflate: true }));
  app.all('/{*rest}', (req, res) => {
    res.status(200).json({ routed: true, bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 });
  });
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!lane(req, res)) app(req, res);
  };
  return { listener, lines };
}

/** Posts a body in chunks without a Content-Length (chunked encoding); resolves with the status. */
async function postChunked(listener: http.RequestListener, chunks: string[]): Promise<number> {
  const server = http.createServer(listener).listen(0);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<number>((resolve, reject) => {
      const req = http.request({ port, method: 'POST', path: '/hook' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  } finally {
    server.close();
  }
}

const echo: Endpoint = async (req) => ({
  status: 201,
  body: { raw: req.body.toString('utf8'), route: req.route, path: req.path, id: req.id },
});

describe('the lane', () => {
  it('hands the exact bytes to the endpoint and answers its JSON with the app headers', async () => {
    const { listener, lines } = listenerWith({ endpoint: echo });
    const response = await request(listener)
      .post('/hook?shop=x')
      .set('content-type', 'application/json')
      .set(REQUEST_ID_HEADER, 'lb-42')
      .send('{"a": 1,  "b":2}');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ raw: '{"a": 1,  "b":2}', route: '/hook', path: '/hook', id: 'lb-42' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toBe('lb-42');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: 'lb-42', path: '/hook' },
      res: { statusCode: 201 },
    });
  });

  it('puts what the endpoint annotates on the request line, and makes an id when the caller sent none', async () => {
    const { listener, lines } = listenerWith({
      endpoint: async (req) => {
        req.annotate({ siteId: 'site-1' });
        return { status: 200, body: {} };
      },
    });
    const response = await request(listener).post('/hook').send('x');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]).toMatchObject({ siteId: 'site-1', req: { id: response.headers['x-request-id'] } });
  });

  it('answers 413 when the body is over the limit, declared or streamed', async () => {
    const { listener, lines } = listenerWith({ endpoint: echo });
    const declared = await request(listener).post('/hook').send('x'.repeat(2000));
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await postChunked(listener, ['y'.repeat(800), 'y'.repeat(800)])).toBe(413);
    expect(await postChunked(listener, ['y'.repeat(800), 'y'.repeat(100)])).toBe(201);
    expect(lines.map((line) => line.res.statusCode)).toEqual([413, 413, 201]);
  });

  it("gives a body over the limit to the route's own refusal when it has one", async () => {
    const { listener } = listenerWith({
      endpoint: echo,
      bodyTooLarge: async (req) => ({
        status: 413,
        body: { error: 'body_too_large', bytes: req.body.length },
      }),
    });
    const response = await request(listener).post('/hook').send('x'.repeat(2000));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'body_too_large', bytes: 0 });
  });

  it('leaves compressed bodies, other methods and other spellings to the app', async () => {
    const { listener } = listenerWith({ endpoint: echo });
    const gzipped = await request(listener)
      .post('/hook')
      .set('content-encoding', 'gzip')
      .send(zlib.gzipSync(Buffer.from('hello')));
    expect(gzipped.body).toEqual({ routed: true, bytes: 5 });
    expect((await request(listener).put('/hook').send('x')).body).toMatchObject({ routed: true });
    expect((await request(listener).post('/hook/').send('x')).body).toMatchObject({ routed: true });
    expect((await request(listener).post('/HOOK').send('x')).body).toMatchObject({ routed: true });
  });

  it('answers a thrown error as the error handler does, and logs it on the request line', async () => {
    const { listener, lines } = listenerWith({
      endpoint: async () => {
        throw new ServerError(ErrorKinds.unauthorized, 'bad signature');
      },
    });
    const response = await request(listener).post('/hook').set(REQUEST_ID_HEADER, 'r-1').send('x');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: ErrorKinds.unauthorized, message: 'bad signature', requestId: 'r-1' },
    });
    // A client's mistake warns (40); it is not a server error (50).
    expect(lines[0]).toMatchObject({ msg: 'request errored', level: 40, err: { message: 'bad signature' } });
  });

  it('answers an unexpected failure 500 without its message, and logs it as an error', async () => {
    const { listener, lines } = listenerWith({
      endpoint: () => {
        throw new Error('database file is corrupt at /var/lib/secret');
      },
    });
    const response = await request(listener).post('/hook').send('x');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(response.body)).not.toContain('/var/lib');
    expect(lines[0]).toMatchObject({ msg: 'request errored', level: 50 });
  });
});
