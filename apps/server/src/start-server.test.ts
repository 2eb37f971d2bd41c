import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { startServer } from './index';

const log = pino({ level: 'silent' });

describe('startServer', () => {
  it('listens on a free port, reports its URL, and closes', async () => {
    const app = express().get('/ping', (_req, res) => void res.json({ pong: true }));
    const running = await startServer({ app, port: 0, log });
    expect(running.url).toBe(`http://localhost:${running.port}`);
    const res = await fetch(`${running.url}/ping`);
    expect(await res.json()).toEqual({ pong: true });
    await running.close();
    await running.close();
    await expect(fetch(`${running.url}/ping`)).rejects.toThrow();
  });

  it('close lets an in-flight request finish', async () => {
    let release: () => void = () => undefined;
    const app = express().get('/slow', async (_req, res) => {
      await new Promise<void>((resolve) => (release = resolve));
      res.json({ done: true });
    });
    const running = await startServer({ app, port: 0, log });
    const pending = fetch(`${running.url}/slow`).then((r) => r.json());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = running.close();
    release();
    expect(await pending).toEqual({ done: true });
    await closed;
  });

  it('a port in use fails with a message saying what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startServer({ app: express(), port, log })).rejects.toMatchObject({
        kind: 'UNAVAILABLE',
        message: expect.stringContaining(`Port ${port} is already in use`),
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
