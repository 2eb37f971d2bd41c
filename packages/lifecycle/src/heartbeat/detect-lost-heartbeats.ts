import { LifecycleSources, Platforms } from '@dropship/core';
import type { Clock, Repositories } from '@dropship/core';
import type { Queues } from '@dropship/queues';
import { ingestEvent } from '../ingest-event';

/** The platform's default: a plugin silent for 72 h is taken as removed. */
export const DEFAULT_HEARTBEAT_THRESHOLD_MS = 72 * 60 * 60 * 1000;
const DEFAULT_BATCH = 200;

export interface DetectLostHeartbeatsDeps {
  repos: Pick<Repositories, 'stores' | 'lifecycleEvents' | 'transaction'>;
  queues: Pick<Queues, 'enqueueMany' | 'unscheduleOrderSync'>;
  clock: Clock;
}

export interface DetectLostHeartbeatsOptions {
  /** Silence after which a connected WooCommerce store counts as removed; 72 h by default. */
  thresholdMs?: number;
  /** Stores looked at per call; the periodic caller picks up the rest on its next run. */
  limit?: number;
}

export interface DetectLostHeartbeatsResult {
  /** Stores for which a heartbeat_lost event was accepted now. */
  disconnected: string[];
  /** Stores whose loss was already recorded (an earlier run, or another process). */
  alreadyRecorded: string[];
}

/**
 * Finds connected WooCommerce stores whose plugin has been silent longer than
 * the threshold (deleted by FTP or `wp plugin delete`, where WordPress runs no
 * hook) and disconnects each through the lifecycle ingest, with source
 * `heartbeat_lost`. The delivery id names the store and its last heartbeat, so
 * one silence is recorded once however often or on how many processes this runs;
 * a store that beats again and then falls silent again gets a new event.
 */
export async function detectLostHeartbeats(
  deps: DetectLostHeartbeatsDeps,
  options: DetectLostHeartbeatsOptions = {},
): Promise<DetectLostHeartbeatsResult> {
  const now = deps.clock.now();
  const threshold = options.thresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
  const before = new Date(now.getTime() - threshold);
  const stores = await deps.repos.stores.listHeartbeatOlderThan(
    Platforms.woocommerce,
    before,
    options.limit ?? DEFAULT_BATCH,
  );
  const result: DetectLostHeartbeatsResult = { disconnected: [], alreadyRecorded: [] };
  for (const store of stores) {
    const credentials = await deps.repos.stores.getCredentials(store.id);
    const lastBeat = credentials?.heartbeatAt;
    if (!lastBeat) continue;
    const ingested = await ingestEvent(deps, {
      channel: 'system',
      deliveryId: `heartbeat_lost:${store.id}:${lastBeat.getTime()}`,
      storeId: store.id,
      source: LifecycleSources.heartbeatLost,
      topic: 'heartbeat.lost',
      // Detection time, not the last beat: a reactivation since then already refreshed heartbeat_at.
      triggeredAt: now,
      payload: {
        lastHeartbeatAt: lastBeat.toISOString(),
        thresholdMs: threshold,
        detectedAt: now.toISOString(),
      },
      correlationId: null,
    });
    (ingested.status === 'accepted' ? result.disconnected : result.alreadyRecorded).push(store.id);
  }
  return result;
}
