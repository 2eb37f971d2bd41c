import type { BillingRequest, Clock, DisconnectCount, Repositories } from '@dropship/core';
import type { Queues } from '@dropship/queues';
import { listFailedLifecycleJobs } from './lifecycle-jobs';
import type { FailedLifecycleJob } from './lifecycle-jobs';
import { iso, summariseStore, summariseSubscription, timelineUrlOf } from './summaries';
import type { StoreSummary, SubscriptionSummary } from './summaries';

const DAY_MS = 24 * 60 * 60 * 1000;
const LIST_LIMIT = 200;

export interface DisconnectWindow {
  /** `24h` or `7d`. */
  window: string;
  since: string;
  total: number;
  bySource: DisconnectCount[];
}

export interface StoreWithSubscription {
  store: StoreSummary;
  subscription: SubscriptionSummary;
}

export interface BillingRequestRow {
  id: string;
  kind: string;
  status: string;
  subscriptionId: string;
  invoiceNumber: string | null;
  message: string;
  requestedBy: string;
  createdAt: string;
  storeId: string | null;
  storeDomain: string | null;
  timelineUrl: string | null;
}

/** Everything the lifecycle view shows; the JSON API returns the same object. */
export interface LifecycleOverview {
  generatedAt: string;
  disconnects: DisconnectWindow[];
  recentDisconnects: StoreSummary[];
  stillBilled: StoreWithSubscription[];
  pendingCancellations: StoreWithSubscription[];
  billingRequests: BillingRequestRow[];
  failedLifecycleJobs: FailedLifecycleJob[];
}

export interface OverviewDeps {
  repos: Repositories;
  queues: Pick<Queues, 'lifecycle'>;
  clock: Clock;
}

export async function readDisconnectWindow(
  deps: OverviewDeps,
  window: '24h' | '7d',
): Promise<DisconnectWindow> {
  const since = new Date(deps.clock.now().getTime() - (window === '24h' ? DAY_MS : 7 * DAY_MS));
  const bySource = await deps.repos.opsQueries.countDisconnectsSince(since);
  bySource.sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  return {
    window,
    since: since.toISOString(),
    total: bySource.reduce((sum, row) => sum + row.count, 0),
    bySource,
  };
}

async function billingRequestRow(repos: Repositories, request: BillingRequest): Promise<BillingRequestRow> {
  const subscription = await repos.subscriptions.findById(request.subscriptionId);
  const store = subscription ? await repos.stores.findById(subscription.storeId) : null;
  return {
    id: request.id,
    kind: request.kind,
    status: request.status,
    subscriptionId: request.subscriptionId,
    invoiceNumber: request.invoiceNumber,
    message: request.message,
    requestedBy: request.requestedBy,
    createdAt: request.createdAt.toISOString(),
    storeId: store?.id ?? null,
    storeDomain: store?.domain ?? null,
    timelineUrl: store ? timelineUrlOf(store.id) : null,
  };
}

export async function readOpenBillingRequests(repos: Repositories): Promise<BillingRequestRow[]> {
  const open = await repos.billingRequests.listByStatus('open', LIST_LIMIT);
  return Promise.all(open.map((request) => billingRequestRow(repos, request)));
}

export async function readStillBilled(repos: Repositories): Promise<StoreWithSubscription[]> {
  const rows = await repos.subscriptions.listStillBilledAfterDisconnect(LIST_LIMIT);
  return rows.map(({ store, subscription }) => ({
    store: summariseStore(store),
    subscription: summariseSubscription(subscription),
  }));
}

/** Reads the lifecycle view from the database and the lifecycle queue; any server process answers the same. */
export async function readLifecycleOverview(deps: OverviewDeps): Promise<LifecycleOverview> {
  const now = deps.clock.now();
  const [day, week, recent, stillBilled, pending, billingRequests, failed] = await Promise.all([
    readDisconnectWindow(deps, '24h'),
    readDisconnectWindow(deps, '7d'),
    deps.repos.opsQueries.listDisconnectedStores({
      since: new Date(now.getTime() - 7 * DAY_MS),
      limit: LIST_LIMIT,
    }),
    readStillBilled(deps.repos),
    deps.repos.opsQueries.listPendingCancellations(LIST_LIMIT),
    readOpenBillingRequests(deps.repos),
    listFailedLifecycleJobs(deps.queues.lifecycle, LIST_LIMIT),
  ]);
  return {
    generatedAt: iso(now) ?? now.toISOString(),
    disconnects: [day, week],
    recentDisconnects: recent.map(summariseStore),
    stillBilled,
    pendingCancellations: pending.map(({ store, subscription }) => ({
      store: summariseStore(store),
      subscription: summariseSubscription(subscription),
    })),
    billingRequests,
    failedLifecycleJobs: failed,
  };
}
