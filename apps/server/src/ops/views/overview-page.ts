import type {
  BillingRequestRow,
  DisconnectWindow,
  LifecycleOverview,
  StoreWithSubscription,
} from '../lifecycle/read-overview';
import type { FailedLifecycleJob } from '../lifecycle/lifecycle-jobs';
import type { StoreSummary } from '../lifecycle/summaries';
import type { TeamPrincipal } from '../team/team-auth';
import { formatDate, html } from './html';
import type { SafeHtml } from './html';
import { layout } from './layout';

const SOURCE_LABELS: Record<string, string> = {
  shopify_uninstall: 'Shopify uninstall',
  wp_deactivated: 'Plugin deactivated',
  wp_deleted: 'Plugin deleted',
  heartbeat_lost: 'Heartbeat lost',
  dashboard: 'Dashboard',
  account_deletion: 'Account deletion',
  shopify_redact: 'Shopify redact',
};

export const sourceLabel = (source: string | null): string =>
  source === null ? 'unknown' : (SOURCE_LABELS[source] ?? source);

const date = (value: string | null): string => formatDate(value ? new Date(value) : null);

const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency}`;

const empty = (columns: number, text: string) =>
  html`<tr>
    <td colspan="${columns}" class="empty">${text}</td>
  </tr>`;

function storeLink(store: { domain: string | null; timelineUrl: string | null }): SafeHtml {
  if (!store.timelineUrl) return html`<span class="muted">—</span>`;
  return html`<a href="${store.timelineUrl}">${store.domain ?? 'store'}</a>`;
}

/** A POST form with the session's CSRF token; operators only (viewers see no button, and the route refuses them). */
function actionForm(principal: TeamPrincipal, action: string, label: string): SafeHtml | null {
  if (principal.role !== 'operator') return null;
  return html`<form method="post" action="${action}">
    <input type="hidden" name="_csrf" value="${principal.csrfToken ?? ''}" /><button type="submit">
      ${label}
    </button>
  </form>`;
}

function windowCard(window: DisconnectWindow): SafeHtml {
  const rows = window.bySource.map(
    (row) =>
      html`<tr>
        <td>${sourceLabel(row.source)}</td>
        <td>${row.platform}</td>
        <td class="num">${row.count}</td>
      </tr>`,
  );
  return html`<div class="card" data-window="${window.window}">
    <div class="label">Disconnected in the last ${window.window}</div>
    <div class="value" data-testid="disconnects-${window.window}">${window.total}</div>
    <table>
      <thead>
        <tr>
          <th>Source</th>
          <th>Platform</th>
          <th class="num">Stores</th>
        </tr>
      </thead>
      <tbody>
        ${rows.length > 0 ? rows : empty(3, 'None')}
      </tbody>
    </table>
  </div>`;
}

function recentTable(stores: StoreSummary[]): SafeHtml {
  const rows = stores.map(
    (s) =>
      html`<tr>
        <td>${storeLink(s)}</td>
        <td>${s.platform}</td>
        <td>${sourceLabel(s.disconnectSource)}</td>
        <td><span class="badge">${s.state}</span></td>
        <td>${date(s.disconnectedAt)}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Store</th>
        <th>Platform</th>
        <th>Source</th>
        <th>State</th>
        <th>Disconnected</th>
      </tr>
    </thead>
    <tbody>
      ${rows.length > 0 ? rows : empty(5, 'No store disconnected in the last 7 days.')}
    </tbody>
  </table>`;
}

function stillBilledTable(rows: StoreWithSubscription[]): SafeHtml {
  const body = rows.map(
    ({ store, subscription: sub }) =>
      html`<tr>
        <td>${storeLink(store)}</td>
        <td>${sourceLabel(store.disconnectSource)}</td>
        <td>${date(store.disconnectedAt)}</td>
        <td>${sub.planName} · ${money(sub.priceMinor, sub.currency)}</td>
        <td><span class="badge warn">${sub.status}</span></td>
        <td>
          ${sub.nextChargeAt ? date(sub.nextChargeAt) : html`<span class="muted">none (ends ${date(sub.currentPeriodEnd)})</span>`}
        </td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Store</th>
        <th>Left via</th>
        <th>Disconnected</th>
        <th>Plan</th>
        <th>Status</th>
        <th>Next charge</th>
      </tr>
    </thead>
    <tbody>
      ${body.length > 0 ? body : empty(6, 'No disconnected store is still billed.')}
    </tbody>
  </table>`;
}

function pendingTable(rows: StoreWithSubscription[]): SafeHtml {
  const body = rows.map(
    ({ store, subscription: sub }) =>
      html`<tr>
        <td>${storeLink(store)}</td>
        <td>${sub.provider}</td>
        <td>${sub.planName}</td>
        <td>${sub.cancelReason ?? '—'}</td>
        <td>${date(sub.currentPeriodEnd)}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Store</th>
        <th>Provider</th>
        <th>Plan</th>
        <th>Reason</th>
        <th>Ends</th>
      </tr>
    </thead>
    <tbody>
      ${body.length > 0 ? body : empty(5, 'No cancellation is pending.')}
    </tbody>
  </table>`;
}

function billingRequestsTable(principal: TeamPrincipal, rows: BillingRequestRow[]): SafeHtml {
  const body = rows.map(
    (r) =>
      html`<tr>
        <td>${r.kind === 'refund' ? 'Refund' : 'Invoice adjustment'}</td>
        <td>${storeLink({ domain: r.storeDomain, timelineUrl: r.timelineUrl })}</td>
        <td class="mono">${r.invoiceNumber ?? '—'}</td>
        <td>${r.message}</td>
        <td>${r.requestedBy}</td>
        <td>${date(r.createdAt)}</td>
        <td>
          ${actionForm(principal, `/ops/billing-requests/${encodeURIComponent(r.id)}/handled`, 'Mark handled')}
        </td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Kind</th>
        <th>Store</th>
        <th>Invoice</th>
        <th>Message</th>
        <th>Requested by</th>
        <th>Received</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${body.length > 0 ? body : empty(7, 'No request to handle.')}
    </tbody>
  </table>`;
}

function failedJobsTable(principal: TeamPrincipal, jobs: FailedLifecycleJob[]): SafeHtml {
  const body = jobs.map(
    (j) =>
      html`<tr>
        <td class="mono">${j.jobId}</td>
        <td>${j.name}</td>
        <td>${sourceLabel(j.source)}</td>
        <td>${j.timelineUrl ? html`<a href="${j.timelineUrl}">timeline</a>` : '—'}</td>
        <td class="error">${j.failedReason}</td>
        <td class="num">${j.attemptsMade}</td>
        <td>${date(j.failedAt)}</td>
        <td>${actionForm(principal, `/ops/lifecycle-jobs/${encodeURIComponent(j.jobId)}/retry`, 'Retry')}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Job</th>
        <th>Name</th>
        <th>Source</th>
        <th>Store</th>
        <th>Reason</th>
        <th class="num">Attempts</th>
        <th>Failed</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${body.length > 0 ? body : empty(8, 'No failed lifecycle job.')}
    </tbody>
  </table>`;
}

function lookupForm(): SafeHtml {
  return html`<form method="get" action="/ops/stores" class="lookup" style="margin-bottom: 1rem">
    <select name="platform" aria-label="Platform">
      <option value="shopify">Shopify</option>
      <option value="woocommerce">WooCommerce</option>
    </select>
    <input
      name="domain"
      aria-label="Store domain"
      placeholder="name.myshopify.com or shop.example.com"
      size="40"
      required
    />
    <button type="submit">Find store</button>
  </form>`;
}

/** The lifecycle view: what left, who is still billed, what to handle, what failed. */
export function renderOverviewPage(principal: TeamPrincipal, overview: LifecycleOverview): string {
  const body = html`<h1>Store lifecycle</h1>
    <p class="muted">As of ${date(overview.generatedAt)}</p>
    ${lookupForm()}
    <div class="cards">${overview.disconnects.map(windowCard)}</div>
    <h2 id="still-billed">
      WooCommerce stores disconnected but still billed (${overview.stillBilled.length})
    </h2>
    <section>${stillBilledTable(overview.stillBilled)}</section>
    <h2 id="failed-jobs">Failed lifecycle jobs (${overview.failedLifecycleJobs.length})</h2>
    <section>${failedJobsTable(principal, overview.failedLifecycleJobs)}</section>
    <h2 id="billing-requests">
      Refund and invoice-adjustment requests to handle (${overview.billingRequests.length})
    </h2>
    <section>${billingRequestsTable(principal, overview.billingRequests)}</section>
    <h2 id="pending-cancellations">Pending cancellations (${overview.pendingCancellations.length})</h2>
    <section>${pendingTable(overview.pendingCancellations)}</section>
    <h2 id="recent">Disconnected in the last 7 days (${overview.recentDisconnects.length})</h2>
    <section>${recentTable(overview.recentDisconnects)}</section>`;
  return layout({ title: 'Lifecycle', principal, body });
}
