import { systemClock } from '@dropship/core';
import { createOutboxMailer } from '@dropship/lifecycle';
import { createTestDatabase } from './support/environment';
import type { TestDatabase } from './support/environment';

describe.each(['sqlite', 'postgres'] as const)('outbox mailer (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.destroy());

  test('messages sent at once are written by one insert, each once per key', async () => {
    const mailer = createOutboxMailer({ repos: database.repos, clock: systemClock });
    const message = (key: string) => ({
      to: 'owner@example.com',
      subject: `Subject ${key}`,
      text: 'Body',
      tags: ['merchant'],
      idempotencyKey: `mailer-test.${dialect}.${key}`,
    });
    await mailer.send(message('earlier'));
    const inserts: string[] = [];
    const listener = (query: { sql: string }) => {
      if (/^insert/i.test(query.sql)) inserts.push(query.sql);
    };
    database.db.knex.on('query', listener);
    let sent: Array<{ messageId: string }> = [];
    try {
      sent = await Promise.all(['a', 'b', 'c', 'a', 'earlier'].map((key) => mailer.send(message(key))));
    } finally {
      database.db.knex.off('query', listener);
    }
    expect(inserts).toHaveLength(1);
    const stored = await Promise.all(
      ['a', 'b', 'c', 'a', 'earlier'].map((key) =>
        database.repos.outbox.findByKey(message(key).idempotencyKey),
      ),
    );
    expect(sent.map((result) => result.messageId)).toEqual(stored.map((row) => row?.id));
    expect(new Set(sent.map((result) => result.messageId)).size).toBe(4);
    expect(stored.every((row) => row?.status === 'queued')).toBe(true);
  });
});
