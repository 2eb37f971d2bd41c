import { Platforms } from '@dropship/core';
import type { AuditRepository, Clock, ComplianceRequest, Repositories, Store } from '@dropship/core';
import type { VerifiedWebhook } from '@dropship/shopify';

export type ComplianceDeps = {
  repos: Repositories;
  clock: Clock;
};

export interface OpenedComplianceRequest {
  request: ComplianceRequest;
  /** The store of the signed shop domain, null when we never had it. */
  store: Store | null;
  /** True when an earlier delivery already completed it (Shopify retried). */
  alreadyCompleted: boolean;
}

/** Records the request once per webhook id (a retry finds the first) with the shop's store. */
export async function openComplianceRequest(
  deps: ComplianceDeps,
  webhook: VerifiedWebhook,
  payload: unknown,
): Promise<OpenedComplianceRequest> {
  const store = await deps.repos.stores.findByDomain(Platforms.shopify, webhook.shopDomain);
  const recorded = await deps.repos.complianceRequests.recordOnce({
    shop: webhook.shopDomain,
    topic: webhook.topic,
    webhookId: webhook.webhookId,
    storeId: store?.id ?? null,
    payload,
    receivedAt: deps.clock.now(),
  });
  const request = recorded.inserted ? recorded.request : recorded.existing;
  return { request, store, alreadyCompleted: request.status === 'completed' };
}

export interface CompleteParams {
  result: Record<string, unknown>;
  /** The request's payload with its own personal data removed, once no longer needed. */
  payload?: unknown;
}

/** Completes the request and writes its audit entry: what was assembled, erased and kept. */
export async function completeComplianceRequest(
  deps: {
    repos: { complianceRequests: Repositories['complianceRequests']; audit: AuditRepository };
    clock: Clock;
  },
  correlationId: string,
  request: ComplianceRequest,
  params: CompleteParams,
): Promise<void> {
  const at = deps.clock.now();
  const completed = await deps.repos.complianceRequests.complete(request.id, {
    at,
    result: params.result,
    ...(params.payload !== undefined ? { payload: params.payload } : {}),
  });
  if (!completed) return;
  await deps.repos.audit.append({
    at,
    actorType: 'platform',
    actorId: request.shop,
    action: `compliance.${request.topic.replace('/', '.')}.completed`,
    entityType: 'compliance_request',
    entityId: request.id,
    details: { shop: request.shop, webhookId: request.webhookId, ...params.result },
    correlationId,
  });
}
