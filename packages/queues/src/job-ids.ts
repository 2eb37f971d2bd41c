import { ErrorKinds } from '@dropship/core';
import { QueueError } from './errors';
import { JobNames } from './names';
import type { JobName } from './names';
import type { JobPayloads } from './payloads';

/*
 * Predictable job ids make producers idempotent: BullMQ ignores an add whose id
 * already exists. Ids must not contain ':' (BullMQ's key separator) nor be
 * digits only (reserved for its own ids), hence a word prefix and an escaped,
 * '.'-separated list of parts.
 */

/** Escapes one id part so that the joined id is injective and has no ':' or '.' of its own. */
export function jobIdPart(value: string | number): string {
  const text = String(value);
  if (text.length === 0) {
    throw new QueueError(
      ErrorKinds.invalidInput,
      'A job id part is empty: pass the store, order or event id it is built from.',
    );
  }
  return encodeURIComponent(text).replace(
    /[.!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function buildId(kind: string, ...parts: Array<string | number>): string {
  return [kind, ...parts.map(jobIdPart)].join('.');
}

/** `lifecycle.<eventId>`: one lifecycle job per recorded event. */
export function lifecycleJobId(eventId: string): string {
  return buildId('lifecycle', eventId);
}

/** `order.<storeId>.<orderId>`: a supplier order is placed once per store order. */
export function supplierOrderJobId(storeId: string, orderId: string): string {
  return buildId('order', storeId, orderId);
}

/** `order-sync.<storeId>`: the id of the store's order-sync job scheduler. */
export function orderSyncSchedulerId(storeId: string): string {
  return buildId('order-sync', storeId);
}

/** `webhooks.<storeId>.<reference>`: one subscription run per store and cause. */
export function storeWebhooksJobId(storeId: string, reference: string): string {
  return buildId('webhooks', storeId, reference);
}

/** `order-sync-run.<storeId>`: deduplication id of an on-demand sync while one is pending. */
export function orderSyncRunDedupId(storeId: string): string {
  return buildId('order-sync-run', storeId);
}

/** `renewal.<subscriptionId>.<periodEndMs>`: one renewal per subscription period. */
export function renewalJobId(subscriptionId: string, periodEnd: Date | string): string {
  const ms = new Date(periodEnd).getTime();
  if (Number.isNaN(ms)) {
    throw new QueueError(
      ErrorKinds.invalidInput,
      `Renewal period end "${String(periodEnd)}" is not a date: pass an ISO 8601 timestamp.`,
    );
  }
  return buildId('renewal', subscriptionId, ms);
}

/** `billing-sweep`: the id of the job scheduler that runs the billing sweep. */
export const billingSweepSchedulerId = 'billing-sweep';

/**
 * `notify.<kind>[-<kind>…].<reference>`: one job per set of notifications and
 * cause (kinds are words of [a-z_], so '-' joins them unambiguously).
 */
export function notificationJobId(kinds: string | readonly string[], reference: string): string {
  return buildId('notify', typeof kinds === 'string' ? kinds : kinds.join('-'), reference);
}

const jobIdBuilders: { [K in JobName]: (payload: JobPayloads[K]) => string | undefined } = {
  [JobNames.storeDisconnected]: (p) => lifecycleJobId(p.eventId),
  [JobNames.storeReconnected]: (p) => lifecycleJobId(p.eventId),
  [JobNames.storeRedacted]: (p) => lifecycleJobId(p.eventId),
  [JobNames.placeSupplierOrder]: (p) => supplierOrderJobId(p.storeId, p.orderId),
  // On-demand syncs must stay repeatable: they are deduplicated only while pending.
  [JobNames.syncStoreOrders]: () => undefined,
  [JobNames.subscribeStoreWebhooks]: (p) => storeWebhooksJobId(p.storeId, p.reference),
  [JobNames.renewSubscription]: (p) => renewalJobId(p.subscriptionId, p.periodEnd),
  // Run by its job scheduler (billingSweepSchedulerId); each run gets the scheduler's own id.
  [JobNames.billingSweep]: () => undefined,
  [JobNames.sendNotification]: (p) => notificationJobId(p.kinds, p.reference),
};

/**
 * The predictable id of a job, or undefined when the job must not be deduplicated
 * by id (on-demand order syncs are deduplicated only while pending).
 */
export function defaultJobId<N extends JobName>(name: N, payload: JobPayloads[N]): string | undefined {
  const build = jobIdBuilders[name] as (payload: JobPayloads[N]) => string | undefined;
  return build(payload);
}
