import type { AuditEntry, LifecycleEvent, Platform, Repositories } from '@dropship/core';
import { ErrorKinds } from '@dropship/core';
import { lifecycleJobId } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { ServerError } from '../../errors';
import { snapshotJob } from './lifecycle-jobs';
import type { JobSnapshot } from './lifecycle-jobs';
import { summariseStore, summariseSubscription } from './summaries';
import type { StoreSummary, SubscriptionSummary } from './summaries';

const EVENT_LIMIT = 200;
const AUDIT_LIMIT = 200;

/** One line of a store's history: an event received, a job run, or an audited change (state, billing, …). */
export interface TimelineEntry {
  at: string;
  kind: 'event' | 'job' | 'audit';
  /** What caused it: the event source, the job's event source, or the audit actor. */
  source: string | null;
  /** The sender's delivery id (events and their jobs). */
  deliveryId: string | null;
  correlationId: string | null;
  summary: string;
  details: Record<string, unknown>;
}

export interface StoreTimeline {
  store: StoreSummary;
  subscriptions: SubscriptionSummary[];
  entries: TimelineEntry[];
}

export interface TimelineDeps {
  repos: Repositories;
  queues: Pick<Queues, 'lifecycle'>;
}

function eventEntry(event: LifecycleEvent): TimelineEntry {
  return {
    at: event.receivedAt.toISOString(),
    kind: 'event',
    source: event.source,
    deliveryId: event.deliveryId,
    correlationId: event.correlationId,
    summary: `${event.channel} ${event.topic}: ${event.outcome}`,
    details: {
      eventId: event.id,
      channel: event.channel,
      topic: event.topic,
      outcome: event.outcome,
      outcomeReason: event.outcomeReason,
      triggeredAt: event.triggeredAt?.toISOString() ?? null,
    },
  };
}

function jobEntry(event: LifecycleEvent, job: JobSnapshot): TimelineEntry {
  return {
    at: job.finishedAt ?? job.processedAt ?? job.createdAt ?? event.receivedAt.toISOString(),
    kind: 'job',
    source: event.source,
    deliveryId: event.deliveryId,
    correlationId: event.correlationId,
    summary: `job ${job.name}: ${job.state}${job.failedReason ? ` (${job.failedReason})` : ''}`,
    details: { ...job, eventId: event.id },
  };
}

function auditEntry(entry: AuditEntry): TimelineEntry {
  return {
    at: entry.at.toISOString(),
    kind: 'audit',
    source: entry.actorId ? `${entry.actorType}:${entry.actorId}` : entry.actorType,
    deliveryId: null,
    correlationId: entry.correlationId,
    summary: `${entry.action} (${entry.entityType})`,
    details: entry.details,
  };
}

async function jobEntries(deps: TimelineDeps, events: LifecycleEvent[]): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    // Lifecycle jobs have predictable ids: BullMQ has no lookup by job data.
    const job = await snapshotJob(deps.queues.lifecycle, lifecycleJobId(event.id));
    if (job) entries.push(jobEntry(event, job));
  }
  return entries;
}

/** Every event, lifecycle job and audited change of a store, newest first. */
export async function readStoreTimeline(deps: TimelineDeps, storeId: string): Promise<StoreTimeline> {
  const store = await deps.repos.stores.findById(storeId);
  if (!store) {
    throw new ServerError(
      ErrorKinds.notFound,
      `No store with id "${storeId}". Look it up by platform and domain.`,
    );
  }
  const [events, subscriptions, storeAudit] = await Promise.all([
    deps.repos.lifecycleEvents.list({ storeId, limit: EVENT_LIMIT }),
    deps.repos.subscriptions.listByStore(storeId),
    deps.repos.audit.listByEntity('store', storeId, AUDIT_LIMIT),
  ]);
  const subscriptionAudit = await Promise.all(
    subscriptions.map((s) => deps.repos.audit.listByEntity('subscription', s.id, AUDIT_LIMIT)),
  );
  const entries = [
    ...events.map(eventEntry),
    ...(await jobEntries(deps, events)),
    ...storeAudit.map(auditEntry),
    ...subscriptionAudit.flat().map(auditEntry),
  ].sort((a, b) => b.at.localeCompare(a.at) || a.kind.localeCompare(b.kind));
  return { store: summariseStore(store), subscriptions: subscriptions.map(summariseSubscription), entries };
}

export async function findStoreByDomain(repos: Repositories, platform: string, domain: string) {
  if (platform !== 'shopify' && platform !== 'woocommerce') {
    throw new ServerError(
      ErrorKinds.invalidInput,
      `Unknown platform "${platform}": use shopify or woocommerce.`,
      { field: 'platform' },
    );
  }
  const normalised = domain.trim().toLowerCase();
  if (normalised === '') {
    throw new ServerError(ErrorKinds.invalidInput, 'Give the store domain to look up.', { field: 'domain' });
  }
  const store = await repos.stores.findByDomain(platform as Platform, normalised);
  if (!store) {
    throw new ServerError(
      ErrorKinds.notFound,
      `No ${platform} store with domain "${normalised}". Check the spelling (Shopify: name.myshopify.com; WooCommerce: the site host).`,
    );
  }
  return store;
}
