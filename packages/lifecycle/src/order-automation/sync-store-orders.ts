import { ErrorKinds, isDomainError } from '@dropship/core';
import type { Clock, Platform, Store, StorePlatform } from '@dropship/core';
import type { Queues } from '@dropship/queues';
import { PermanentJobError, skippedJob } from '@dropship/queues';
import type { SkippedJobResult, SyncStoreOrdersPayload } from '@dropship/queues';
import { ingestOrder } from './ingest-order';
import type { IngestOrderDeps } from './ingest-order';
import { STORE_DISCONNECTED, isAutomationOpen } from './store-gate';
import { STORE_KEYS_REVOKED } from './store-keys';

export interface SyncStoreOrdersDeps extends IngestOrderDeps {
  queues: Pick<Queues, 'enqueue' | 'unscheduleOrderSync'>;
  /** The StorePlatform of each platform this deployment serves. */
  platforms: Partial<Record<Platform, Pick<StorePlatform, 'listRecentOrders'>>>;
  clock: Clock;
}

export interface SyncStoreOrdersOptions {
  /** How far back each run looks (default 24 h): webhooks may be late or lost, re-reading is harmless. */
  lookbackMs?: number;
  /** Pages read per run at most (default 50); the next run continues the catch-up. */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface SyncStoreOrdersResult {
  seen: number;
  queued: number;
  pages: number;
}

/**
 * One page of the store's recent orders, or null when the store refused the
 * platform's credentials for good (a deleted WooCommerce key): the store's
 * sync is then unscheduled, not failed every five minutes; a new key starts
 * it again.
 */
async function readPage(
  deps: SyncStoreOrdersDeps,
  platform: Pick<StorePlatform, 'listRecentOrders'>,
  store: Store,
  since: Date,
  cursor: string | null,
) {
  try {
    return await platform.listRecentOrders(store, { since, cursor });
  } catch (error) {
    if (!isDomainError(error) || error.kind !== ErrorKinds.unauthorized || error.details.keysRevoked !== true)
      throw error;
    await deps.queues.unscheduleOrderSync(store.id);
    return null;
  }
}

/**
 * The reconciliation run of one store: reads the orders created recently and
 * ingests each (already-recorded ones change nothing). Stops as soon as the
 * store's gate closes, so a disconnect also stops a sync in progress.
 */
export async function syncStoreOrders(
  deps: SyncStoreOrdersDeps,
  payload: SyncStoreOrdersPayload,
  options: SyncStoreOrdersOptions = {},
): Promise<SyncStoreOrdersResult | SkippedJobResult> {
  const store = await deps.repos.stores.findById(payload.storeId);
  if (!store || !isAutomationOpen(store)) return skippedJob(STORE_DISCONNECTED);
  const platform = deps.platforms[store.platform];
  if (!platform) {
    throw new PermanentJobError(
      `No ${store.platform} platform is configured in this worker: configure it, then retry the sync of store ${store.id}.`,
      ErrorKinds.invalidInput,
    );
  }
  const since = new Date(deps.clock.now().getTime() - (options.lookbackMs ?? 24 * 3600_000));
  const result: SyncStoreOrdersResult = { seen: 0, queued: 0, pages: 0 };
  let cursor: string | null = null;
  do {
    if (options.signal?.aborted) break;
    const page = await readPage(deps, platform, store, since, cursor);
    if (page === null) return { ...result, ...skippedJob(STORE_KEYS_REVOKED) };
    result.pages += 1;
    for (const order of page.orders) {
      const ingested = await ingestOrder(deps, { storeId: store.id, order, via: 'sync' });
      if (ingested.status === 'skipped') return { ...result, ...skippedJob(STORE_DISCONNECTED) };
      result.seen += 1;
      if (ingested.status === 'queued') result.queued += 1;
    }
    cursor = page.nextCursor;
  } while (cursor !== null && result.pages < (options.maxPages ?? 50));
  return result;
}
