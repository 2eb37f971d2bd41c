/*
 * The load generator's HTTP/1.1 client: keep-alive sockets that write each
 * request as one prepared buffer and read each answer only as far as its
 * status and length. The load generator runs on the same two cores as the
 * system it measures, so what it spends is taken from that system: at 1,000
 * requests a second node:http cost it 160–220 µs of CPU a request, this client
 * 85–95 µs. In the closed loop node:http also held the floor back, which then
 * waited on its client rather than on its own work.
 */
import net from 'node:net';

/** Serialises one request, Host and keep-alive included; built before the clock starts. */
export function wireRequest(
  url: URL,
  path: string,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, `host: ${url.host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

interface Answer {
  status: number;
  /** The server asked to close the connection after this answer. */
  close: boolean;
  /** Bytes the answer took from the buffer, or -1 while it is incomplete. */
  length: number;
}

/** Reads one answer at the start of `data`: its status, whether it ends the connection, its size. */
function readAnswer(data: Buffer): Answer | null {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = data.toString('latin1', 0, headerEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection: *close/.test(head);
  const bodyStart = headerEnd + HEADER_END.length;
  const lengthMatch = /\r\ncontent-length: *(\d+)/.exec(head);
  if (lengthMatch) {
    const end = bodyStart + Number(lengthMatch[1]);
    return { status, close, length: data.length >= end ? end : -1 };
  }
  if (/\r\ntransfer-encoding: *chunked/.test(head)) {
    // The answers here are short JSON: the last-chunk marker cannot occur inside one.
    const last = data.indexOf(CHUNKED_END, bodyStart);
    return { status, close, length: last < 0 ? -1 : last + CHUNKED_END.length };
  }
  // No length: the body runs to the end of the connection.
  return { status, close: true, length: -1 };
}

interface Connection {
  socket: net.Socket;
  pending: Buffer;
  /** Resolves the request in flight on this connection. */
  done: ((status: number) => void) | null;
  ended: boolean;
}

/**
 * At most `maxSockets` keep-alive connections to one server; a request that
 * finds them all busy waits for the first one free, as with an http.Agent.
 * `send` resolves with the answer's status, or 0 when the connection failed.
 */
export class WirePool {
  private readonly idle: Connection[] = [];
  private readonly queue: Array<{ request: Buffer; resolve: (status: number) => void }> = [];
  private open = 0;

  constructor(
    private readonly url: URL,
    private readonly maxSockets: number,
  ) {}

  send(request: Buffer): Promise<number> {
    return new Promise((resolve) => {
      const connection = this.idle.pop();
      if (connection) this.start(connection, request, resolve);
      else if (this.open < this.maxSockets) this.start(this.connect(), request, resolve);
      else this.queue.push({ request, resolve });
    });
  }

  /** Closes every connection; requests still waiting get 0. */
  destroy(): void {
    for (const waiting of this.queue.splice(0)) waiting.resolve(0);
    for (const connection of this.idle.splice(0)) connection.socket.destroy();
  }

  private start(connection: Connection, request: Buffer, resolve: (status: number) => void): void {
    connection.done = resolve;
    connection.socket.write(request);
  }

  private connect(): Connection {
    this.open += 1;
    const socket = net.connect({ host: this.url.hostname, port: Number(this.url.port), noDelay: true });
    const connection: Connection = { socket, pending: Buffer.alloc(0), done: null, ended: false };
    socket.on('data', (chunk: Buffer) => this.receive(connection, chunk));
    const fail = () => this.drop(connection);
    socket.on('error', fail);
    socket.on('close', fail);
    return connection;
  }

  private receive(connection: Connection, chunk: Buffer): void {
    connection.pending = connection.pending.length === 0 ? chunk : Buffer.concat([connection.pending, chunk]);
    const answer = readAnswer(connection.pending);
    if (!answer || answer.length < 0) return;
    connection.pending = connection.pending.subarray(answer.length);
    const done = connection.done;
    connection.done = null;
    if (answer.close) {
      this.drop(connection);
      connection.socket.destroy();
    } else {
      this.release(connection);
    }
    done?.(answer.status);
  }

  /** Hands a free connection to the next waiting request, or keeps it idle. */
  private release(connection: Connection): void {
    const next = this.queue.shift();
    if (next) this.start(connection, next.request, next.resolve);
    else this.idle.push(connection);
  }

  /** A connection that ended: its request in flight gets 0, and a waiting request gets a new one. */
  private drop(connection: Connection): void {
    if (connection.ended) return;
    connection.ended = true;
    this.open -= 1;
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    const done = connection.done;
    connection.done = null;
    done?.(0);
    const next = this.queue.shift();
    if (next) this.start(this.connect(), next.request, next.resolve);
  }
}
