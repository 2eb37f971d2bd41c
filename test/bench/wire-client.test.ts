import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WirePool, wireRequest } from '../../bench/wire-client';

// The benchmark's load generator counts answers by status: a misread answer would
// be a request lost or counted twice, so its client is checked against node:http.
let server: http.Server;
let url: URL;
const received: Array<{ path: string; body: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ path: req.url ?? '', body, headers: req.headers });
      const mode = req.url?.slice(1);
      if (mode === 'chunked') {
        res.writeHead(202, { 'content-type': 'application/json' });
        res.write('{"part":');
        setTimeout(() => res.end('1}'), 5);
      } else if (mode === 'close') {
        res.writeHead(413, { connection: 'close', 'content-type': 'application/json' });
        res.end('{"error":"too large"}');
      } else if (mode === 'slow') {
        setTimeout(() => res.end('done'), 30);
      } else {
        // A body written in two pieces with a declared length: the answer arrives split.
        res.writeHead(200, { 'content-length': String(Buffer.byteLength(body) + 2) });
        res.write('[');
        setTimeout(() => res.end(`${body}]`), 5);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (path: string, body = '{"a":1}') =>
  wireRequest(url, path, { 'content-type': 'application/json', 'x-test': path }, Buffer.from(body));

test('a request goes out whole, headers and length included, and its split answer is read to its end', async () => {
  const pool = new WirePool(url, 1);
  expect(await pool.send(request('/echo', '{"é":"ü"}'))).toBe(200);
  expect(received.at(-1)).toMatchObject({
    path: '/echo',
    body: '{"é":"ü"}',
    headers: { 'x-test': '/echo', 'content-length': String(Buffer.byteLength('{"é":"ü"}')) },
  });
  // The same connection again: an answer read short would be taken for the next one's start.
  expect(await pool.send(request('/echo', '{"b":2}'))).toBe(200);
  expect(received.at(-1)?.body).toBe('{"b":2}');
  pool.destroy();
});

test('chunked answers and answers that close the connection are read, and the next request still goes out', async () => {
  const pool = new WirePool(url, 1);
  expect(await pool.send(request('/chunked'))).toBe(202);
  expect(await pool.send(request('/close'))).toBe(413);
  expect(await pool.send(request('/echo'))).toBe(200);
  pool.destroy();
});

test('requests beyond the connection limit wait for a free connection, each answered once', async () => {
  const pool = new WirePool(url, 2);
  const before = received.length;
  const statuses = await Promise.all(Array.from({ length: 7 }, () => pool.send(request('/slow'))));
  expect(statuses).toEqual(Array.from({ length: 7 }, () => 200));
  expect(received.length - before).toBe(7);
  pool.destroy();
});

test('a server that cannot be reached answers 0, as a failed request', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const gone = new URL(`http://127.0.0.1:${(closed.address() as AddressInfo).port}`);
  await new Promise((resolve) => closed.close(resolve));
  const pool = new WirePool(gone, 1);
  expect(await pool.send(wireRequest(gone, '/x', {}, Buffer.from('')))).toBe(0);
  pool.destroy();
});
