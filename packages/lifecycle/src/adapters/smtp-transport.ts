import nodemailer from 'nodemailer';
import type { OutboxMessage } from '@dropship/core';
import type { MailTransport } from '../notify/outbox-mailer';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's URL form). */
  url: string;
  /** The From address. */
  from: string;
  /** Per-connection timeouts (default 10 s): a hung server must not hold a job forever. */
  timeoutMs?: number;
}

/** Sends outbox messages through SMTP (nodemailer); the outbox id is the Message-ID's local part. */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as nodemailer.TransportOptions);
  const domain = options.from.split('@')[1] ?? 'localhost';
  return {
    async send(message: OutboxMessage) {
      const info = (await transporter.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        messageId: `<${message.id}@${domain}>`,
        headers: { 'X-Dropship-Tags': message.tags.join(',') },
      })) as { messageId?: string };
      return { transportId: info.messageId ?? null };
    },
    close: () => transporter.close(),
  };
}
