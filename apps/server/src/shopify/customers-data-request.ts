import { gidFor } from '@dropship/shopify';
import type { CustomersDataRequestPayload } from '@dropship/shopify';
import { completeComplianceRequest, openComplianceRequest } from './compliance-request';
import type { WebhookDelivery } from './verify-delivery';
import type { ComplianceDeps } from './compliance-request';

export interface HeldOrder {
  platformOrderId: string;
  status: string;
  receivedAt: string;
  /** What we keep of the order (its number and lines); null once redacted. */
  data: unknown;
}

async function heldOrders(deps: ComplianceDeps, storeId: string, ids: readonly string[]) {
  const held: HeldOrder[] = [];
  const notHeld: string[] = [];
  for (const id of ids) {
    const platformOrderId = gidFor('Order', id);
    const order = await deps.repos.orders.findByPlatformId(storeId, platformOrderId);
    if (order === null) notHeld.push(platformOrderId);
    else
      held.push({
        platformOrderId,
        status: order.status,
        receivedAt: order.receivedAt.toISOString(),
        data: order.payload,
      });
  }
  return { held, notHeld };
}

/**
 * `customers/data_request`: assembles what we hold about the customer for the
 * merchant — the requested orders as we keep them. We keep no customer
 * profile (no name, e-mail, phone or address): order records hold the order
 * number and lines only. The result is stored with the request for the merchant.
 */
export async function customersDataRequest(
  deps: ComplianceDeps,
  delivery: WebhookDelivery,
  payload: CustomersDataRequestPayload,
): Promise<{ outcome: string }> {
  const { webhook } = delivery;
  const { request, store, alreadyCompleted } = await openComplianceRequest(deps, webhook, payload);
  if (alreadyCompleted) return { outcome: 'already_completed' };
  const orders = store
    ? await heldOrders(deps, store.id, payload.orders_requested)
    : { held: [], notHeld: payload.orders_requested.map((id) => gidFor('Order', id)) };
  await completeComplianceRequest(deps, delivery.correlationId, request, {
    result: {
      dataRequestId: payload.data_request.id,
      customerId: gidFor('Customer', payload.customer.id),
      storeKnown: store !== null,
      orders: orders.held,
      ordersNotHeld: orders.notHeld,
      customerProfile: null,
    },
  });
  return { outcome: 'completed' };
}
