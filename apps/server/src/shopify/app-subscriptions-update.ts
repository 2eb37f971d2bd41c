import { Platforms, ShopifySubscriptionStatuses, StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';
import { parseTopicPayload, ShopifyTopics } from '@dropship/shopify';
import type { AppSubscriptionUpdatePayload } from '@dropship/shopify';
import type { ServerDeps } from '../server-deps';
import { mirrorShopifySubscription } from './mirror-subscription';
import type { MirrorSubscriptionResult } from './mirror-subscription';
import { rejectPayload } from './reject-payload';
import type { WebhookHandler } from './webhook-routes';

type Deps = Pick<ServerDeps, 'repos' | 'clock' | 'config'>;

export const SUBSCRIPTION_UPDATE_SOURCE = 'shopify_subscription_update';

/**
 * A store that is leaving: `app/uninstalled` is the authoritative signal of
 * its cancellation (Shopify may or may not send this topic around it), so the
 * disconnect job cancels the subscription with source `shopify_uninstall`.
 */
function isLeaving(store: Store): boolean {
  return store.state !== StoreStates.connected || !store.automationEnabled;
}

async function mirror(
  deps: Deps,
  store: Store,
  body: AppSubscriptionUpdatePayload,
): Promise<MirrorSubscriptionResult> {
  const sub = body.app_subscription;
  if (sub.status === ShopifySubscriptionStatuses.cancelled && isLeaving(store)) {
    return { outcome: 'unchanged', subscription: null, reason: 'left_to_uninstall' };
  }
  return mirrorShopifySubscription(deps, {
    store,
    source: SUBSCRIPTION_UPDATE_SOURCE,
    // The webhook carries no period end; the return URL and app load read it from the Admin API.
    snapshot: {
      id: sub.admin_graphql_api_id,
      name: sub.name,
      status: sub.status,
      currentPeriodEnd: null,
      trialDays: 0,
    },
  });
}

/**
 * `app_subscriptions/update`: mirrors ACTIVE, CANCELLED, DECLINED, EXPIRED,
 * FROZEN, PENDING into our subscription row. Applied at once (one small
 * update, idempotent by status); a failure answers 5xx and Shopify retries.
 */
export function appSubscriptionsUpdate(deps: Deps): WebhookHandler {
  return async (delivery) => {
    const { webhook, rawBody } = delivery;
    const parsed = parseTopicPayload(ShopifyTopics.appSubscriptionsUpdate, rawBody);
    if (!parsed.ok) return rejectPayload(deps, delivery, parsed.error);
    const store = await deps.repos.stores.findByDomain(Platforms.shopify, webhook.shopDomain);
    if (store === null) {
      return { body: { outcome: 'unknown_store' } };
    }
    const result = await mirror(deps, store, parsed.value);
    if (result.outcome !== 'unchanged') {
      await deps.repos.audit.append({
        at: deps.clock.now(),
        actorType: 'platform',
        actorId: webhook.shopDomain,
        action: `subscription.shopify_${result.outcome}`,
        entityType: 'subscription',
        entityId: result.subscription.id,
        details: { status: parsed.value.app_subscription.status, webhookId: webhook.webhookId },
        correlationId: delivery.correlationId,
      });
    }
    return {
      body: {
        outcome: result.outcome,
        ...(result.outcome === 'unchanged' ? { reason: result.reason } : {}),
      },
    };
  };
}
