import { ErrorKinds } from '@dropship/core';
import type { DisconnectReport, Mailer, Repositories, Store } from '@dropship/core';
import { NotificationKinds, PermanentJobError } from '@dropship/queues';
import type { NotificationKind, SendNotificationPayload } from '@dropship/queues';
import { reportLinks } from '../reports/report-links';
import { languageOf } from './messages';
import type { Language } from './messages';
import {
  renderBillingContinues,
  renderCancellationConfirmed,
  renderProductsLeft,
  renderTeamAlert,
} from './render-notification';
import type { RenderedMessage } from './render-notification';

export interface SendNotificationDeps {
  repos: Pick<Repositories, 'stores' | 'accounts' | 'disconnectReports' | 'subscriptions'>;
  mailer: Mailer;
  /** The server's public URL, for report links. */
  publicBaseUrl: string;
  /** Where team alerts go, and merchant messages without a known address. */
  teamEmail: string;
}

interface Addressed {
  message: RenderedMessage;
  to: string;
  tags: string[];
}

function missing(what: string): PermanentJobError {
  return new PermanentJobError(
    `${what} does not exist: the notification cannot be written.`,
    ErrorKinds.notFound,
  );
}

async function merchantOf(deps: SendNotificationDeps, storeId: string | null) {
  if (!storeId) throw missing('The notification names no store, so its merchant');
  const contact = await deps.repos.stores.getContact(storeId);
  if (!contact) throw missing(`Store ${storeId}`);
  const { store, contactEmail, locale } = contact;
  // The account is read only when the store names no contact of its own.
  const account =
    contactEmail === null && store.accountId ? await deps.repos.accounts.findById(store.accountId) : null;
  return { store, address: contactEmail ?? account?.email ?? null, language: languageOf(locale) };
}

function toMerchant(
  deps: SendNotificationDeps,
  address: string | null,
  message: RenderedMessage,
  tag: string,
): Addressed {
  // Without an address the team gets the message to forward it: never dropped silently.
  return address
    ? { message, to: address, tags: [tag, 'merchant'] }
    : { message, to: deps.teamEmail, tags: [tag, 'merchant', 'no_merchant_address'] };
}

async function reportOf(deps: SendNotificationDeps, reference: string): Promise<DisconnectReport> {
  const report = await deps.repos.disconnectReports.findByEvent(reference);
  if (!report) throw missing(`The disconnect report of event ${reference}`);
  return report;
}

type Renderer = (
  deps: SendNotificationDeps,
  payload: SendNotificationPayload,
  kind: NotificationKind,
) => Promise<Addressed>;

const renderers: Record<NotificationKind, Renderer> = {
  async [NotificationKinds.productsLeft](deps, payload, kind) {
    const { store, address, language } = await merchantOf(deps, payload.storeId);
    const report = await reportOf(deps, payload.reference);
    const links = reportLinks(deps.publicBaseUrl, store.id);
    return toMerchant(deps, address, renderProductsLeft({ store, report, links, language }), kind);
  },
  async [NotificationKinds.billingContinues](deps, payload, kind) {
    const { store, address, language } = await merchantOf(deps, payload.storeId);
    return toMerchant(deps, address, renderBillingContinues(store, language), kind);
  },
  async [NotificationKinds.teamDisconnectAlert](deps, payload, kind) {
    const store: Store | null = payload.storeId ? await deps.repos.stores.findById(payload.storeId) : null;
    if (!store) throw missing(`Store ${payload.storeId ?? '(none)'}`);
    const report = await reportOf(deps, payload.reference);
    const message = renderTeamAlert(store, report, reportLinks(deps.publicBaseUrl, store.id));
    return { message, to: deps.teamEmail, tags: [kind, 'team'] };
  },
  async [NotificationKinds.cancellationConfirmed](deps, payload, kind) {
    const subscription = await deps.repos.subscriptions.findById(payload.reference);
    if (!subscription) throw missing(`Subscription ${payload.reference}`);
    const { address, language } = await merchantOf(deps, payload.storeId ?? subscription.storeId);
    const message = renderCancellationConfirmed(subscription.billingEndsAt, language as Language);
    return toMerchant(deps, address, message, kind);
  },
};

type SentNotification = { kind: NotificationKind; messageId: string; to: string };

async function sendOne(
  deps: SendNotificationDeps,
  payload: SendNotificationPayload,
  kind: NotificationKind,
): Promise<SentNotification> {
  const { message, to, tags } = await renderers[kind](deps, payload, kind);
  const { messageId } = await deps.mailer.send({
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    tags,
    idempotencyKey: `${kind}.${payload.reference}`,
  });
  return { kind, messageId, to };
}

/**
 * The `send notification` job: renders the message of each of its kinds
 * (English or French, from the store's locale) and hands it to the mailer
 * with the key `<kind>.<reference>`, so a re-run never writes or sends one
 * twice. A disconnect's two messages travel in one job; one that fails does
 * not hold back the other. The job then fails with the error of the first
 * message another attempt may still send, else with the first error, and
 * its retry skips what was written already.
 */
export async function sendNotification(
  deps: SendNotificationDeps,
  payload: SendNotificationPayload,
): Promise<{ messages: SentNotification[] }> {
  const settled = await Promise.allSettled(payload.kinds.map((kind) => sendOne(deps, payload, kind)));
  const errors = settled.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  const retryable = errors.find((error) => !(error instanceof PermanentJobError));
  if (errors.length > 0) throw retryable ?? errors[0];
  return {
    messages: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
  };
}
