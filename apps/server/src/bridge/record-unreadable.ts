import type { ServerDeps } from '../server-deps';
import type { AuthenticatedBridgeRequest } from './authenticate-bridge';

/**
 * A body the site signed but the platform cannot read: nothing changes, but the
 * team sees it in the lifecycle view (outcome `rejected`), because the plugin
 * drops an event from its outbox on a 400 and would otherwise leave no trace.
 */
export async function recordUnreadable(
  deps: ServerDeps,
  auth: AuthenticatedBridgeRequest,
  reason: string,
  path: string,
  correlationId: string | null,
): Promise<void> {
  await deps.repos.lifecycleEvents.record({
    channel: 'wp_bridge',
    deliveryId: `rejected:${auth.eventId}`,
    storeId: auth.store.id,
    source: 'wp_bridge',
    topic: 'wp.unreadable',
    receivedAt: deps.clock.now(),
    payload: { path, bodyBytes: auth.rawBody.length, reason },
    outcome: 'rejected',
    outcomeReason: reason,
    correlationId,
  });
}
