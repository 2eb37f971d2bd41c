import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorKinds } from '@dropship/core';
import type { Logger } from 'pino';
import { ServerError } from './errors';

export interface StartServerOptions {
  app: RequestListener;
  /** 0 picks a free port. */
  port: number;
  /** Interface to bind; all interfaces by default. */
  host?: string;
  log: Pick<Logger, 'info' | 'warn'>;
  /** How long close() lets in-flight requests finish. Default 10 s. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  /** Where this process answers, e.g. http://localhost:3000. */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests end, then closes. Idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string | undefined): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} is already in use. Stop the other process or set PORT to a free port.`
          : `Cannot listen on port ${port}: ${error.message}`;
      reject(new ServerError(ErrorKinds.unavailable, message, { code: error.code }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closer(server: Server, timeoutMs: number, log: StartServerOptions['log']): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => {
        log.warn({ timeoutMs }, 'requests still running at shutdown; closing their connections');
        server.closeAllConnections();
      }, timeoutMs);
      // A keep-alive connection turns idle when its last response ends; close it
      // then rather than waiting for keepAliveTimeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      server.close((error) => {
        clearTimeout(force);
        clearInterval(sweep);
        if (error) reject(error);
        else resolve();
      });
    });
    return closing;
  };
}

/** Listens on `port` and resolves once the server accepts connections. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const server = createServer(options.app);
  // Longer than the usual 60 s idle timeout of load balancers, so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = await listen(server, options.port, options.host);
  const host =
    !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  options.log.info({ url }, 'HTTP server listening');
  return { url, port: address.port, close: closer(server, options.shutdownTimeoutMs ?? 10_000, options.log) };
}
