/*
 * The raw floor of the ingest benchmark: a bare node:http server that reads
 * the body, checks its HMAC in constant time and adds one BullMQ job, nothing
 * else (no framework, no logging, no database, no idempotency record). What
 * the real server does on top of this is what the ratio measures.
 *   --port --redis --prefix --secret (Shopify) --targets (bridge site secrets)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { computeBridgeSignature } from '@dropship/woocommerce';
import { args } from './support';
import type { IngestTargets } from './ingest-setup';

function sameMac(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function main(): void {
  const flags = args();
  const secret = flags.get('secret') ?? '';
  const targets = JSON.parse(fs.readFileSync(flags.get('targets') ?? '', 'utf8')) as IngestTargets;
  const siteSecrets = new Map(targets.sites.map((site) => [site.id, site.secret]));
  const connection = new Redis(flags.get('redis') ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  const queue = new Queue('lifecycle', { connection, prefix: flags.get('prefix') ?? 'floor' });

  const verify = (req: http.IncomingMessage, body: Buffer): string | null => {
    if (req.url === '/webhooks/app/uninstalled') {
      const mac = crypto.createHmac('sha256', secret).update(body).digest('base64');
      return sameMac(header(req, 'x-shopify-hmac-sha256'), mac)
        ? (header(req, 'x-shopify-webhook-id') ?? null)
        : null;
    }
    const site = siteSecrets.get(header(req, 'x-dropship-site') ?? '');
    if (!site) return null;
    const eventId = header(req, 'x-dropship-event-id') ?? '';
    const expected = computeBridgeSignature({
      method: 'POST',
      path: req.url ?? '',
      timestamp: header(req, 'x-dropship-timestamp') ?? '',
      eventId,
      rawBody: body,
      secret: site,
    });
    return sameMac(header(req, 'x-dropship-signature'), expected) ? eventId : null;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = verify(req, Buffer.concat(chunks));
      if (id === null) {
        res.writeHead(401).end();
        return;
      }
      queue
        .add('store-disconnected', { id }, { jobId: `floor-${id}` })
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
        .catch(() => res.writeHead(503).end());
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(flags.get('port')), '127.0.0.1', () => process.stdout.write('READY\n'));
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void queue
      .close()
      .then(() => connection.quit())
      .then(() => process.exit(0));
  });
}

main();
