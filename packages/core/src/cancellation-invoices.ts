import type { Invoice, Subscription } from './model';
import { InvoiceStatuses } from './model';

/**
 * The open invoices a cancellation voids: renewal invoices of the subscription
 * for periods starting at or after billing ends. Paid invoices are never touched;
 * refunds are separate requests for staff.
 */
export function invoicesVoidedByCancellation(
  subscription: Pick<Subscription, 'id' | 'billingEndsAt'>,
  invoices: readonly Invoice[],
): Invoice[] {
  const endsAt = subscription.billingEndsAt;
  if (endsAt === null) return [];
  return invoices.filter(
    (invoice) =>
      invoice.subscriptionId === subscription.id &&
      invoice.status === InvoiceStatuses.open &&
      invoice.periodStart.getTime() >= endsAt.getTime(),
  );
}
