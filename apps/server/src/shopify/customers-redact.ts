import { gidFor } from '@dropship/shopify';
import type { CustomersRedactPayload } from '@dropship/shopify';
import { completeComplianceRequest, openComplianceRequest } from './compliance-request';
import type { WebhookDelivery } from './verify-delivery';
import type { ComplianceDeps } from './compliance-request';

/** The request as kept after completion: the customer's id stays (to prove it was done), contact details go. */
function withoutContact(payload: CustomersRedactPayload) {
  return { ...payload, customer: { id: payload.customer.id, email: null, phone: null } };
}

/**
 * `customers/redact`: erases the customer's personal data from the orders we
 * hold (their stored payloads: number and lines). Kept: each order's id and
 * status, and the supplier orders placed for them (business records without
 * personal data). The request's own copy of the e-mail and phone is erased too.
 */
export async function customersRedact(
  deps: ComplianceDeps,
  delivery: WebhookDelivery,
  payload: CustomersRedactPayload,
): Promise<{ outcome: string }> {
  const { webhook } = delivery;
  const { request, store, alreadyCompleted } = await openComplianceRequest(deps, webhook, payload);
  if (alreadyCompleted) return { outcome: 'already_completed' };
  const orderIds = payload.orders_to_redact.map((id) => gidFor('Order', id));
  const erasedOrders = store ? await deps.repos.orders.redactByPlatformIds(store.id, orderIds) : 0;
  await completeComplianceRequest(deps, delivery.correlationId, request, {
    result: {
      customerId: gidFor('Customer', payload.customer.id),
      storeKnown: store !== null,
      ordersToRedact: orderIds,
      erased: { orderPayloads: erasedOrders, requestContact: true },
      kept: ['order ids and statuses', 'supplier orders'],
    },
    payload: withoutContact(payload),
  });
  return { outcome: 'completed' };
}
