import { ErrorKinds } from '@dropship/core';
import type { DisconnectReport, Mailer, Repositories, Store } from '@dropship/core';
import { NotificationKinds, PermanentJobError } from '@dropship/queues';
import type { SendNotificationPayload } from '@dropship/queues';
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

type Renderer = (deps: SendNotificationDeps, payload: SendNotificationPayload) => Promise<Addressed>;

const renderers: Record<SendNotificationPayload['kind'], Renderer> = {
  async [NotificationKinds.productsLeft](deps, payload) {
    const { store, address, language } = await merchantOf(deps, payload.storeId);
    const report = await reportOf(deps, payload.reference);
    const links = reportLinks(deps.publicBaseUrl, store.id);
    return toMerchant(deps, address, renderProductsLeft({ store, report, links, language }), payload.kind);
  },
  async [NotificationKinds.billingContinues](deps, payload) {
    const { store, address, language } = await merchantOf(deps, payload.storeId);
    return toMerchant(deps, address, renderBillingContinues(store, language), payload.kind);
  },
  async [NotificationKinds.teamDisconnectAlert](deps, payload) {
    const store: Store | null = payload.storeId ? await deps.repos.stores.findById(payload.storeId) : null;
    if (!store) throw missing(`Store ${payload.storeId ?? '(none)'}`);
    const report = await reportOf(deps, payload.reference);
    const message = renderTeamAlert(store, report, reportLinks(deps.publicBaseUrl, store.id));
    return { message, to: deps.teamEmail, tags: [payload.kind, 'team'] };
  },
  async [NotificationKinds.cancellationConfirmed](deps, payload) {
    const subscription = await deps.repos.subscriptions.findById(payload.reference);
    if (!subscription) throw missing(`Subscription ${payload.reference}`);
    const { address, language } = await merchantOf(deps, payload.storeId ?? subscription.storeId);
    const message = renderCancellationConfirmed(subscription.billingEndsAt, language as Language);
    return toMerchant(deps, address, message, payload.kind);
  },
};

/**
 * The `send notification` job: renders the message of its kind (English or
 * French, from the store's locale) and hands it to the mailer with the key
 * `<kind>.<reference>`, so a re-run never writes or sends it twice.
 */
export async function sendNotification(
  deps: SendNotificationDeps,
  payload: SendNotificationPayload,
): Promise<{ messageId: string; to: string }> {
  const { message, to, tags } = await renderers[payload.kind](deps, payload);
  const { messageId } = await deps.mailer.send({
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    tags,
    idempotencyKey: `${payload.kind}.${payload.reference}`,
  });
  return { messageId, to };
}
