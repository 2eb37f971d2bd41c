import { formatBillingDate, nextChargeAt } from '@dropship/billing';
import type { Config } from '@dropship/config';
import type { LifecycleEvent, Repositories, Store, SubscriptionRecord } from '@dropship/core';
import { DemoAccount } from './demo-account';

export interface ReportDeps {
  config: Pick<Config, 'appUrl'>;
  repos: Repositories;
}

const dateOf = (date: Date | null | undefined) => (date ? formatBillingDate(date) : 'unknown date');

function platformName(store: Store): string {
  return store.platform === 'shopify' ? 'Shopify' : 'WooCommerce';
}

/** The billing sentence the merchant must not miss. */
export function billingSentence(subscription: SubscriptionRecord | null, appUrl: string): string {
  if (subscription === null) return 'no subscription';
  const status = subscription.status;
  if (subscription.provider === 'shopify') {
    if (status === 'cancelled' || status === 'expired') {
      return `${status} — billing ended by Shopify — access until ${dateOf(subscription.billingEndsAt ?? subscription.currentPeriodEnd)}`;
    }
    return `${status} — billed by Shopify — current period ends ${dateOf(subscription.currentPeriodEnd)}`;
  }
  const next = nextChargeAt(subscription);
  if (next !== null) {
    return `${status} — still billed — next charge ${dateOf(next)} — cancel in Settings → Store management (${appUrl}/app/settings/stores)`;
  }
  return `${status} — no further charge — access until ${dateOf(subscription.billingEndsAt ?? subscription.currentPeriodEnd)}`;
}

/** What one store looks like now: state, automation, billing, products left, pending orders. */
export async function describeStore(deps: ReportDeps, store: Store): Promise<string[]> {
  const { repos, config } = deps;
  const [subscription, report, productsLeft] = await Promise.all([
    repos.subscriptions.findLatestByStore(store.id),
    repos.disconnectReports.findLatestByStore(store.id),
    repos.publishedProducts.countByStore(store.id),
  ]);
  const since =
    store.state === 'connected'
      ? ''
      : ` (${store.disconnectSource ?? 'unknown'} at ${store.disconnectedAt?.toISOString()})`;
  const lines = [
    `${platformName(store)} store ${store.domain} — ${store.state}${since}`,
    `    Order automation:  ${store.automationEnabled ? 'running' : 'stopped'}`,
    `    Subscription:      ${billingSentence(subscription, config.appUrl)}`,
    `    Products left:     ${productsLeft} still published — the platform never deletes them; remove them by hand: ${config.appUrl}/app/stores/${store.id}/products-left`,
  ];
  if (report) {
    lines.push(
      `    Pending orders:    ${report.pendingOrdersCount} not at the supplier when it disconnected (frozen in the disconnect report)`,
    );
  }
  return lines;
}

/** One line per lifecycle event the demo sent: who sent it, the answer, what the worker made of it. */
export function describeEvent(label: string, answer: string, event: LifecycleEvent | null): string {
  const outcome = event
    ? `${event.outcome}${event.outcomeReason ? ` (${event.outcomeReason})` : ''}`
    : 'not recorded';
  return `  ${label}: ${answer} → worker: ${outcome}`;
}

/** The messages the run wrote to the outbox (sent by SMTP when configured, else kept there). */
export async function describeOutbox(repos: Repositories, since: Date): Promise<string[]> {
  const messages = (await repos.outbox.list({ limit: 1000 })).filter(
    (message) => message.createdAt.getTime() >= since.getTime(),
  );
  if (messages.length === 0) return ['  (none yet: the notification jobs may still be running)'];
  return messages.map((message) => `  [${message.status}] to ${message.to} — "${message.subject}"`);
}

/** The pages to open, for the merchant and for the dropship team. */
export function whereToLook(
  config: Pick<Config, 'appUrl'>,
  stores: readonly Store[],
  loginUrl: string,
): string[] {
  const url = config.appUrl;
  return [
    `  Sign in (one-time link):  ${loginUrl}`,
    `  Sign in (password):       ${url}/account/sign-in   (${DemoAccount.email} / ${DemoAccount.password})`,
    `  Overview:                 ${url}/app/`,
    ...stores.map(
      (store) => `  Products left (${platformName(store)}): ${url}/app/stores/${store.id}/products-left`,
    ),
    `  Store management:         ${url}/app/settings/stores   (cancel the WooCommerce subscription here)`,
    `  Lifecycle view (team):    ${url}/ops   (add a member: node apps/cli/dist/main.js team:add you@example.com operator)`,
  ];
}
