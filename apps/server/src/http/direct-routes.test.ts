import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { rawBodyOf } from './body-parsers';
import { directRoutes } from './direct-routes';
import { errorHandler } from './error-handler';

function appWith(handler: RequestHandler, limit = '1kb') {
  const app = express();
  app.use(
    directRoutes({ bodyLimit: limit, routes: [{ method: 'POST', path: '/hook', handlers: [handler] }] }),
  );
  app.use(express.raw({ type: () => true, inflate: true }));
  // What the routers would answer for requests the direct route leaves to them.
  app.all('/{*rest}', (req, res) => {
    res.status(200).json({ routed: true, bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 });
  });
  app.use(errorHandler);
  return app;
}

/** Posts a body in chunks without a Content-Length (chunked encoding); resolves with the status. */
async function postChunked(app: express.Express, chunks: string[]): Promise<number> {
  const server = http.createServer(app).listen(0);
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

const echo: RequestHandler = (req, res) => {
  res.status(200).json({ direct: true, raw: rawBodyOf(req)?.toString('utf8'), route: req.route?.path });
};

describe('directRoutes', () => {
  it('hands the exact bytes to the route, whatever the content type says', async () => {
    const response = await request(appWith(echo))
      .post('/hook')
      .set('content-type', 'application/json')
      .send('{"a": 1,  "b":2}');
    expect(response.body).toEqual({ direct: true, raw: '{"a": 1,  "b":2}', route: '/hook' });
  });

  it('answers 413 through the error handlers when the body is over the limit, declared or streamed', async () => {
    const declared = await request(appWith(echo)).post('/hook').send('x'.repeat(2000));
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await postChunked(appWith(echo), ['y'.repeat(800), 'y'.repeat(800)])).toBe(413);
  });

  it('leaves compressed bodies, other methods and other spellings to the routers', async () => {
    const app = appWith(echo);
    const gzipped = await request(app)
      .post('/hook')
      .set('content-encoding', 'gzip')
      .send(zlib.gzipSync(Buffer.from('hello')));
    expect(gzipped.body).toEqual({ routed: true, bytes: 5 });
    expect((await request(app).put('/hook').send('x')).body).toMatchObject({ routed: true });
    expect((await request(app).post('/hook/').send('x')).body).toMatchObject({ routed: true });
  });

  it('sends a rejected handler to the error handlers, as a router would', async () => {
    const failing: RequestHandler = async () => {
      throw Object.assign(new Error('no'), { status: 400, expose: true });
    };
    const response = await request(appWith(failing)).post('/hook').send('x');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'no' });
  });

  it('runs a route of several handlers in order and stops at the one that answers', async () => {
    const seen: string[] = [];
    const app = express();
    app.use(
      directRoutes({
        bodyLimit: '1kb',
        routes: [
          {
            method: 'POST',
            path: '/hook',
            handlers: [
              (_req, _res, next) => {
                seen.push('first');
                next();
              },
              (_req, res) => {
                seen.push('second');
                res.status(204).end();
              },
              () => seen.push('never'),
            ],
          },
        ],
      }),
    );
    expect((await request(app).post('/hook').send('x')).status).toBe(204);
    expect(seen).toEqual(['first', 'second']);
  });
});
