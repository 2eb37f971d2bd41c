import net from 'node:net';
import { systemClock } from '@dropship/core';
import {
  createOutboxMailer,
  createSmtpTransport,
  disconnectStore,
  ingestEvent,
  reconnectStore,
  redactStore,
} from '@dropship/lifecycle';
import { orderSyncSchedulerId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { openWorkerBed, uniquePrefix } from './support/environment';
import type { TestDatabase, WorkerBed } from './support/environment';
import { seedStore } from './support/seed';

const prefix = uniquePrefix('lifecycle-jobs');
let queues: Queues;
let database: TestDatabase;
let bed: WorkerBed;

beforeAll(async () => {
  bed = await openWorkerBed(prefix, 'sqlite');
  ({ queues, database } = bed);
});

afterAll(async () => {
  await bed?.close();
});

const deps = () => ({ repos: database.repos, queues, clock: systemClock });

async function record(
  storeId: string,
  source: 'shopify_uninstall' | 'shopify_install' | 'shopify_redact',
  at: Date,
) {
  const result = await ingestEvent(deps(), {
    channel: 'shopify',
    deliveryId: `${source}-${storeId}-${at.getTime()}`,
    storeId,
    source,
    topic: source,
    triggeredAt: at,
    payload: {},
    correlationId: null,
  });
  return {
    eventId: result.event.id,
    storeId,
    source,
    occurredAt: at.toISOString(),
  };
}

test('an uninstall older than the latest install is recorded and ignored', async () => {
  const store = await seedStore(database.repos, { platform: 'shopify', installedAt: new Date() });
  const payload = await record(store.id, 'shopify_uninstall', new Date(Date.now() - 60_000));
  expect(await disconnectStore(deps(), payload)).toMatchObject({ outcome: 'ignored_stale' });
  expect((await database.repos.stores.findById(store.id))?.state).toBe('connected');
  expect((await database.repos.lifecycleEvents.findById(payload.eventId))?.outcome).toBe('ignored_stale');
});

test('running a disconnect twice gives the same end state as running it once', async () => {
  const store = await seedStore(database.repos, { platform: 'shopify' });
  const payload = await record(store.id, 'shopify_uninstall', new Date());
  const first = await disconnectStore(deps(), payload);
  const second = await disconnectStore(deps(), payload);
  expect(second).toEqual(first);
  expect((await database.repos.stores.findById(store.id))?.state).toBe('disconnected');
});

test('a later departure of a store already disconnected settles as already_disconnected, with no second report', async () => {
  const store = await seedStore(database.repos, { platform: 'shopify' });
  const first = await record(store.id, 'shopify_uninstall', new Date(Date.now() - 1_000));
  const later = await record(store.id, 'shopify_uninstall', new Date());
  expect(await disconnectStore(deps(), first)).toMatchObject({ outcome: 'applied' });
  expect(await disconnectStore(deps(), later)).toMatchObject({ outcome: 'already_disconnected' });
  const settled = await database.repos.lifecycleEvents.findById(later.eventId);
  expect(settled).toMatchObject({
    outcome: 'already_disconnected',
    outcomeReason: 'store was already disconnected by an earlier event',
  });
  expect((await database.repos.lifecycleEvents.findById(first.eventId))?.outcome).toBe('applied');
  expect(await database.repos.disconnectReports.findByEvent(first.eventId)).not.toBeNull();
  expect(await database.repos.disconnectReports.findByEvent(later.eventId)).toBeNull();
});

test('a reinstall reconnects the store and brings its order-sync scheduler back; a late redact is then ignored', async () => {
  const store = await seedStore(database.repos, { platform: 'shopify' });
  await disconnectStore(deps(), await record(store.id, 'shopify_uninstall', new Date(Date.now() - 5000)));
  expect(await queues.orderSync.getJobScheduler(orderSyncSchedulerId(store.id))).toBeFalsy();
  const reconnect = await record(store.id, 'shopify_install', new Date());
  expect(await reconnectStore(deps(), reconnect)).toEqual({ outcome: 'applied', state: 'connected' });
  const current = await database.repos.stores.findById(store.id);
  expect(current).toMatchObject({ state: 'connected', automationEnabled: true, disconnectedAt: null });
  expect(await queues.orderSync.getJobScheduler(orderSyncSchedulerId(store.id))).toBeTruthy();
  const redact = await record(store.id, 'shopify_redact', new Date());
  expect(await redactStore(deps(), redact)).toMatchObject({ outcome: 'ignored_stale' });
});

test('a redact after the store left erases contact, secrets and order payloads, once', async () => {
  const { repos } = database;
  const store = await seedStore(repos, { platform: 'shopify' });
  await repos.orders.saveOnce({
    storeId: store.id,
    platformOrderId: 'r1',
    containsPlatformProducts: true,
    payload: { email: 'buyer@example.com' },
  });
  await disconnectStore(deps(), await record(store.id, 'shopify_uninstall', new Date(Date.now() - 5000)));
  const payload = await record(store.id, 'shopify_redact', new Date());
  expect(await redactStore(deps(), payload)).toEqual({ outcome: 'applied', erasedOrders: 1 });
  expect(await redactStore(deps(), payload)).toEqual({ outcome: 'applied', erasedOrders: 0 });
  expect((await repos.stores.findById(store.id))?.state).toBe('redacted');
  expect((await repos.stores.getCredentials(store.id))?.contactEmail).toBeNull();
  expect((await repos.orders.findByPlatformId(store.id, 'r1'))?.payload).toBeNull();
});

/** A minimal SMTP server (RFC 5321 happy path) that keeps what it receives. */
function startSmtpServer(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 stand-in ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (data) {
          if (line === '.') {
            data = false;
            socket.write('250 queued as stand-in-1\r\n');
          } else received.push(line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 stand-in\r\n');
        else if (verb === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

test('with SMTP configured the outbox sends each message once and records it as sent', async () => {
  const smtp = await startSmtpServer();
  const transport = createSmtpTransport({
    url: `smtp://127.0.0.1:${smtp.port}`,
    from: 'noreply@dropship.example.com',
  });
  try {
    const mailer = createOutboxMailer({ repos: database.repos, clock: systemClock, transport });
    const message = {
      to: 'owner@example.com',
      subject: 'Products left',
      text: 'Remove them.',
      tags: ['products_left'],
      idempotencyKey: 'products_left.smtp-test',
    };
    const first = await mailer.send(message);
    const again = await mailer.send(message);
    expect(again.messageId).toBe(first.messageId);
    const stored = await database.repos.outbox.findById(first.messageId);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.received.filter((line) => line === 'Subject: Products left')).toHaveLength(1);
  } finally {
    transport.close?.();
    await smtp.close();
  }
});

test('without SMTP the message stays queued in the outbox for the team to read', async () => {
  const mailer = createOutboxMailer({ repos: database.repos, clock: systemClock });
  const { messageId } = await mailer.send({ to: 'a@example.com', subject: 's', text: 't', tags: ['x'] });
  expect(await database.repos.outbox.findById(messageId)).toMatchObject({ status: 'queued', attempts: 0 });
});
