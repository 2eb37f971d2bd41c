import type { DisconnectBillingLine, DisconnectReport, Store } from '@dropship/core';
import type { ReportLinks } from '../reports/report-links';
import { formatDate, words } from './messages';
import type { Language } from './messages';

/** A message's words, before it gets a recipient. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Pending orders named in a message at most; the report lists them all. */
const PENDING_LISTED = 20;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paragraphs (arrays are bullet lists) → text and HTML, so both always say the same thing. */
type Block = string | { link: string; label: string } | string[];

function toText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (typeof block === 'string') return block;
      if (Array.isArray(block)) return block.map((item) => `- ${item}`).join('\n');
      return `${block.label}: ${block.link}`;
    })
    .join('\n\n');
}

function toHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (typeof block === 'string') return `<p>${escapeHtml(block)}</p>`;
      if (Array.isArray(block))
        return `<ul>${block.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      return `<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a></p>`;
    })
    .join('\n');
}

function render(subject: string, blocks: readonly Block[]): RenderedMessage {
  return { subject, text: `${toText(blocks)}\n`, html: toHtml(blocks) };
}

export function billingSentence(billing: DisconnectBillingLine, language: Language): string {
  const w = words[language];
  switch (billing.kind) {
    case 'ended_by_shopify':
      return w.billingShopify(billing.accessUntil ? formatDate(billing.accessUntil, language) : null);
    case 'platform_still_active':
      return w.billingPlatform;
    case 'none':
      return w.billingNone;
  }
}

function pendingBlocks(report: DisconnectReport, language: Language): Block[] {
  const w = words[language];
  if (report.pendingOrdersCount === 0) return [w.pendingNone];
  const listed = report.pendingOrders.slice(0, PENDING_LISTED).map((order) => {
    const label = order.name ?? order.platformOrderId;
    const note = order.placement === 'in_progress' ? ` (${w.pendingInProgress})` : '';
    return `${label} — ${formatDate(order.receivedAt, language)}${note}`;
  });
  const more = report.pendingOrdersCount - listed.length;
  return [w.pendingSome(report.pendingOrdersCount), listed, ...(more > 0 ? [w.andMore(more)] : [])];
}

export interface ProductsLeftMessageParams {
  store: Pick<Store, 'domain'>;
  report: DisconnectReport;
  links: ReportLinks;
  language: Language;
}

/** To the merchant after a disconnect: products to remove, pending orders, billing. */
export function renderProductsLeft({
  store,
  report,
  links,
  language,
}: ProductsLeftMessageParams): RenderedMessage {
  const w = words[language];
  return render(w.productsLeftSubject(store.domain, report.productsCount), [
    w.disconnected(store.domain),
    w.productsStay(report.productsCount),
    { label: w.csvLink, link: links.csv },
    { label: w.exportLink, link: links.export },
    ...pendingBlocks(report, language),
    billingSentence(report.billing, language),
    w.signature,
  ]);
}

/** To a WooCommerce owner: plugin removal does not cancel the monthly subscription. */
export function renderBillingContinues(store: Pick<Store, 'domain'>, language: Language): RenderedMessage {
  const w = words[language];
  return render(w.billingContinuesSubject(store.domain), [w.billingPlatform, w.signature]);
}

/** To the team: which store left, how, and what it left behind (always in English). */
export function renderTeamAlert(
  store: Pick<Store, 'domain' | 'id' | 'platform'>,
  report: DisconnectReport,
  links: ReportLinks,
): RenderedMessage {
  const w = words.en;
  return render(w.teamSubject(store.domain, report.source), [
    `Store ${store.id} (${store.platform}) disconnected via ${report.source}.`,
    `${report.productsCount} products stay published; ${report.pendingOrdersCount} orders were pending.`,
    billingSentence(report.billing, 'en'),
    { label: 'Report', link: links.json },
  ]);
}

/** To the owner after a cancellation: when access ends, and that refunds are asked for separately. */
export function renderCancellationConfirmed(endsAt: Date | null, language: Language): RenderedMessage {
  const w = words[language];
  return render(w.cancellationSubject, [
    w.cancellationEnds(endsAt ? formatDate(endsAt, language) : null),
    w.refunds,
    w.signature,
  ]);
}
