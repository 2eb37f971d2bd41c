import type { StoreTimeline } from '../lifecycle/store-timeline';
import type { TeamPrincipal } from '../team/team-auth';
import { formatDate, html } from './html';
import { layout } from './layout';
import { sourceLabel } from './overview-page';

const date = (value: string | null): string => formatDate(value ? new Date(value) : null);

/** A store's history: every event, job and audited change, with its source and delivery id. */
export function renderTimelinePage(principal: TeamPrincipal, timeline: StoreTimeline): string {
  const { store } = timeline;
  const subscriptions = timeline.subscriptions.map(
    (s) =>
      html`<tr>
        <td>${s.provider}</td>
        <td>${s.planName}</td>
        <td><span class="badge">${s.status}</span></td>
        <td>${date(s.currentPeriodEnd)}</td>
        <td>${s.nextChargeAt ? date(s.nextChargeAt) : '—'}</td>
        <td>${s.cancelReason ?? '—'}</td>
      </tr>`,
  );
  const entries = timeline.entries.map(
    (e) =>
      html`<tr>
        <td>${date(e.at)}</td>
        <td><span class="badge">${e.kind}</span></td>
        <td>${e.summary}</td>
        <td>${e.kind === 'audit' ? e.source : sourceLabel(e.source)}</td>
        <td class="mono">${e.deliveryId ?? '—'}</td>
        <td class="mono">${e.correlationId ?? '—'}</td>
        <td class="mono">${JSON.stringify(e.details)}</td>
      </tr>`,
  );
  const body = html`<p><a href="/ops">← Lifecycle</a></p>
    <h1>
      ${store.domain} <span class="badge">${store.platform}</span> <span class="badge">${store.state}</span>
    </h1>
    <p>
      Disconnected: ${date(store.disconnectedAt)} · source: ${sourceLabel(store.disconnectSource)} · order
      automation: ${store.automationEnabled ? 'on' : 'off'} · id <span class="mono">${store.id}</span>
    </p>
    <h2>Subscriptions</h2>
    <section>
      <table>
        <thead>
          <tr>
            <th>Provider</th>
            <th>Plan</th>
            <th>Status</th>
            <th>Period end</th>
            <th>Next charge</th>
            <th>Cancel reason</th>
          </tr>
        </thead>
        <tbody>
          ${
            subscriptions.length > 0
              ? subscriptions
              : html`<tr>
                  <td colspan="6" class="empty">None</td>
                </tr>`
          }
        </tbody>
      </table>
    </section>
    <h2>Timeline</h2>
    <section>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th>What</th>
            <th>Source</th>
            <th>Delivery id</th>
            <th>Correlation id</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          ${
            entries.length > 0
              ? entries
              : html`<tr>
                  <td colspan="7" class="empty">Nothing recorded.</td>
                </tr>`
          }
        </tbody>
      </table>
    </section>`;
  return layout({ title: store.domain, principal, body });
}
