import {
  AccountTransitions,
  applyAccountTransition,
  canApplyAccountTransition,
  LifecycleSources,
  StoreStates,
} from '@dropship/core';
import type { Clock, Repositories, Store } from '@dropship/core';
import { ingestEvent, redactStore } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import type { ShopRedactPayload } from '@dropship/shopify';
import { completeComplianceRequest, openComplianceRequest } from './compliance-request';
import type { WebhookDelivery } from './verify-delivery';

export interface ShopRedactDeps {
  repos: Repositories;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'scheduleOrderSync' | 'unscheduleOrderSync'>;
  clock: Clock;
}

const KEPT = [
  'product ledger',
  'lifecycle events',
  'subscriptions and invoices (anonymised)',
  'store domain',
];

/**
 * The account's personal data goes when this was its last store not yet
 * redacted; its subscriptions and invoices stay, pointing at an anonymised
 * account (seed 002: billing records are kept for legal reasons).
 */
async function anonymiseAccountOf(deps: ShopRedactDeps, store: Store): Promise<boolean> {
  if (store.accountId === null) return false;
  const account = await deps.repos.accounts.findById(store.accountId);
  if (account === null || !canApplyAccountTransition(account, AccountTransitions.anonymise)) return false;
  const stores = await deps.repos.stores.listByAccount(account.id);
  if (stores.some((other) => other.id !== store.id && other.state !== StoreStates.redacted)) return false;
  const next = applyAccountTransition(account, AccountTransitions.anonymise, { at: deps.clock.now() });
  await deps.repos.accounts.update(account.id, { email: next.email, name: next.name, status: next.status });
  return true;
}

/**
 * `shop/redact` (48 h after an uninstall): erases the store's personal data —
 * contact, credentials, sessions, order payloads — unless the store was
 * reinstalled meanwhile. The event is recorded and its job queued (the safety
 * net), and the redaction runs here too so the request completes with its
 * audit entry; both are idempotent. A store still being disconnected makes
 * redactStore throw CONFLICT: Shopify retries later.
 */
export async function shopRedact(
  deps: ShopRedactDeps,
  delivery: WebhookDelivery,
  payload: ShopRedactPayload,
): Promise<{ outcome: string }> {
  const { webhook } = delivery;
  const { request, store, alreadyCompleted } = await openComplianceRequest(deps, webhook, payload);
  if (alreadyCompleted) return { outcome: 'already_completed' };
  if (store === null) {
    await completeComplianceRequest(deps, delivery.correlationId, request, {
      result: { storeKnown: false, erased: [], kept: [] },
    });
    return { outcome: 'completed' };
  }
  const reinstalled = store.state === StoreStates.connected;
  const ingested = await ingestEvent(deps, {
    channel: 'shopify',
    deliveryId: webhook.webhookId,
    storeId: store.id,
    source: LifecycleSources.shopifyRedact,
    topic: webhook.topic,
    triggeredAt: webhook.triggeredAt,
    payload: { shop_id: payload.shop_id },
    correlationId: delivery.correlationId,
    ...(reinstalled
      ? { recordOnly: { outcome: 'ignored_stale', reason: 'the store was reinstalled before shop/redact' } }
      : {}),
  });
  await deps.repos.complianceRequests.setEvent(request.id, ingested.event.id);
  if (reinstalled) {
    await completeComplianceRequest(deps, delivery.correlationId, request, {
      result: {
        storeKnown: true,
        reinstalled: true,
        erased: [],
        kept: ['everything: the store is live again'],
      },
    });
    return { outcome: 'kept_reinstalled' };
  }
  const redacted = await redactStore(deps, {
    eventId: ingested.event.id,
    storeId: store.id,
    source: LifecycleSources.shopifyRedact,
    occurredAt: (webhook.triggeredAt ?? deps.clock.now()).toISOString(),
    correlationId: delivery.correlationId,
  });
  if (redacted.outcome !== 'applied') {
    await completeComplianceRequest(deps, delivery.correlationId, request, {
      result: {
        storeKnown: true,
        reinstalled: true,
        reason: redacted.reason,
        erased: [],
        kept: ['everything'],
      },
    });
    return { outcome: 'kept_reinstalled' };
  }
  const accountAnonymised = await anonymiseAccountOf(deps, store);
  await completeComplianceRequest(deps, delivery.correlationId, request, {
    result: {
      storeKnown: true,
      erased: [
        'contact e-mail',
        'credentials',
        'Shopify sessions',
        `order payloads (${redacted.erasedOrders})`,
      ],
      accountAnonymised,
      kept: KEPT,
    },
  });
  return { outcome: 'completed' };
}
