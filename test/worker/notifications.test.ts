import { randomUUID } from 'node:crypto';
import { systemClock } from '@dropship/core';
import type { OutboxMessage } from '@dropship/core';
import { createOutboxMailer, sendNotification } from '@dropship/lifecycle';
import type { MailTransport } from '@dropship/lifecycle';
import { PermanentJobError } from '@dropship/queues';
import type { NotificationKind } from '@dropship/queues';
import { createTestDatabase } from './support/environment';
import type { TestDatabase } from './support/environment';
import { seedStore } from './support/seed';

const teamEmail = 'team@dropship.example';

/** A transport that records what it delivers and refuses the team's address until `teamDown` is false. */
function flakyTransport() {
  const delivered: OutboxMessage[] = [];
  const state = { teamDown: true, attempts: 0 };
  const transport: MailTransport = {
    async send(message) {
      state.attempts += 1;
      if (message.to === teamEmail && state.teamDown) throw new Error('421 try again later');
      delivered.push(message);
      return { transportId: `t-${delivered.length}` };
    },
  };
  return { transport, delivered, state };
}

describe('a notification job carrying several messages', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(() => database?.destroy());

  async function disconnectedStore() {
    const store = await seedStore(database.repos, { platform: 'shopify' });
    const eventId = randomUUID();
    await database.repos.disconnectReports.saveOnce({
      storeId: store.id,
      eventId,
      source: 'shopify_uninstall',
      productsCount: 3,
      pendingOrders: [],
      pendingOrdersCount: 0,
      billing: { kind: 'none' },
      generatedAt: new Date(),
    });
    return { store, eventId };
  }

  test('one message that cannot be delivered does not hold back the other, and the retry sends only it', async () => {
    const { store, eventId } = await disconnectedStore();
    const { transport, delivered, state } = flakyTransport();
    const deps = {
      repos: database.repos,
      mailer: createOutboxMailer({ repos: database.repos, clock: systemClock, transport }),
      publicBaseUrl: 'https://dropship.example',
      teamEmail,
    };
    const payload = {
      // The team's alert first: its failure must not stop the merchant's message behind it.
      kinds: ['team_disconnect_alert', 'products_left'] as NotificationKind[],
      storeId: store.id,
      accountId: null,
      reference: eventId,
    };
    const first = sendNotification(deps, payload);
    await expect(first).rejects.toThrow(/421 try again later/);
    await expect(first).rejects.not.toBeInstanceOf(PermanentJobError);
    expect(delivered.map((message) => message.tags[0])).toEqual(['products_left']);
    expect(await database.repos.outbox.findByKey(`team_disconnect_alert.${eventId}`)).toMatchObject({
      status: 'queued',
      attempts: 1,
    });

    state.teamDown = false;
    const again = await sendNotification(deps, payload);
    expect(again.messages.map((message) => [message.kind, message.to])).toEqual([
      ['team_disconnect_alert', teamEmail],
      ['products_left', expect.stringMatching(/^owner-/)],
    ]);
    // The merchant's message went out once; the team's on its second attempt.
    expect(delivered.map((message) => message.tags[0])).toEqual(['products_left', 'team_disconnect_alert']);
    expect(state.attempts).toBe(3);
    for (const kind of payload.kinds) {
      expect(await database.repos.outbox.findByKey(`${kind}.${eventId}`)).toMatchObject({ status: 'sent' });
    }
  });

  test('a message that can never be written fails the job for good, after the others are written', async () => {
    const store = await seedStore(database.repos, { platform: 'shopify' });
    const reference = randomUUID();
    const deps = {
      repos: database.repos,
      mailer: createOutboxMailer({ repos: database.repos, clock: systemClock }),
      publicBaseUrl: 'https://dropship.example',
      teamEmail,
    };
    // No report exists for this reference: products_left cannot be rendered; billing_continues needs none.
    const run = sendNotification(deps, {
      kinds: ['products_left', 'billing_continues'],
      storeId: store.id,
      accountId: null,
      reference,
    });
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/disconnect report of event/);
    expect(await database.repos.outbox.findByKey(`billing_continues.${reference}`)).not.toBeNull();
    expect(await database.repos.outbox.findByKey(`products_left.${reference}`)).toBeNull();
  });
});
