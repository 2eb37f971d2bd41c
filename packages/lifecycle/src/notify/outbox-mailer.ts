import { createHash } from 'node:crypto';
import type {
  Clock,
  EnqueueOutboxParams,
  MailMessage,
  Mailer,
  OutboxMessage,
  Repositories,
} from '@dropship/core';
import { createBatcher, ErrorKinds } from '@dropship/core';
import { LifecycleError } from '../errors';

/** Delivers one e-mail (SMTP in production). */
export interface MailTransport {
  send(message: OutboxMessage): Promise<{ transportId: string | null }>;
  close?(): void;
}

export interface OutboxMailerOptions {
  repos: Pick<Repositories, 'outbox'>;
  clock: Clock;
  /** Without a transport messages stay `queued` in the outbox, readable by the team and by tests. */
  transport?: MailTransport | null;
  /** Delivery attempts before a message is marked `failed` for good (default 8). */
  maxAttempts?: number;
}

export interface OutboxMailer extends Mailer {
  /** Sends queued messages (oldest first); for a periodic flush after an SMTP outage. */
  deliverQueued(limit?: number): Promise<{ sent: number; failed: number }>;
}

/** A key for messages sent without one: the same message content is written once. */
function contentKey(message: MailMessage): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([message.to, message.subject, message.text]))
    .digest('hex');
  return `content.${digest}`;
}

/**
 * The Mailer every use-case gets: writes the message to the outbox once per
 * idempotency key, then (when a transport is configured) delivers it and
 * records the result. A failed delivery throws UNAVAILABLE, so the job that
 * sent it retries; the retry finds the same outbox row. A crash between the
 * SMTP server's acceptance and the `sent` mark may repeat one e-mail: the
 * usual at-least-once trade-off of an outbox.
 */
export function createOutboxMailer(options: OutboxMailerOptions): OutboxMailer {
  const { repos, clock, transport } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  // Messages sent while one insert runs are written together in the next one:
  // a backlog of disconnects writes two messages each.
  const write = createBatcher((list: EnqueueOutboxParams[]) => repos.outbox.enqueueManyOnce(list));

  async function deliver(message: OutboxMessage): Promise<void> {
    if (!transport || message.status !== 'queued') return;
    try {
      const { transportId } = await transport.send(message);
      await repos.outbox.markSent(message.id, clock.now(), transportId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await repos.outbox.markAttemptFailed(message.id, reason, message.attempts + 1 >= maxAttempts);
      throw new LifecycleError(
        ErrorKinds.unavailable,
        `Could not send e-mail ${message.id} to ${message.to}: ${reason}. It stays in the outbox and is retried.`,
        { outboxId: message.id },
      );
    }
  }

  return {
    async send(message) {
      const written = await write.run({
        idempotencyKey: message.idempotencyKey ?? contentKey(message),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        tags: message.tags,
        createdAt: clock.now(),
      });
      const stored = written.inserted ? written.message : written.existing;
      await deliver(stored);
      return { messageId: stored.id };
    },
    async deliverQueued(limit = 100) {
      const queued = await repos.outbox.list({ status: 'queued', limit });
      let sent = 0;
      let failed = 0;
      for (const message of queued) {
        try {
          await deliver(message);
          sent += 1;
        } catch {
          failed += 1;
        }
      }
      return { sent, failed };
    },
  };
}
