import { ErrorKinds } from '@dropship/core';
import type {
  BillingPeriod,
  Invoice,
  PaymentCollector,
  Repositories,
  SubscriptionRecord,
} from '@dropship/core';
import { BillingError } from './errors';

/** The subscription's invoice for the period starting at `periodStart`, if one was issued. */
export async function findPeriodInvoice(
  repos: Pick<Repositories, 'invoices'>,
  subscriptionId: string,
  periodStart: Date,
): Promise<Invoice | null> {
  const invoices = await repos.invoices.listBySubscription(subscriptionId);
  return invoices.find((invoice) => invoice.periodStart.getTime() === periodStart.getTime()) ?? null;
}

/**
 * Issues the draft invoice of one billed period (in advance, at the period's
 * start); a re-run gets the first invoice back. Concurrent renewals are kept
 * apart by the billed-period claim taken in the same transaction.
 */
export async function issuePeriodInvoice(
  repos: Pick<Repositories, 'invoices'>,
  subscription: SubscriptionRecord,
  period: BillingPeriod,
  at: Date,
): Promise<Invoice> {
  const existing = await findPeriodInvoice(repos, subscription.id, period.start);
  if (existing) return existing;
  return repos.invoices.create({
    subscriptionId: subscription.id,
    accountId: subscription.accountId,
    status: 'draft',
    amountMinor: subscription.priceMinor,
    currency: subscription.currency,
    periodStart: period.start,
    periodEnd: period.end,
    issuedAt: at,
  });
}

/**
 * Hands a draft invoice to the payment collector and records the outcome: paid,
 * or open (awaiting the billing team, or a failed collection that will not
 * succeed by retrying). A retryable failure leaves it draft and throws
 * UNAVAILABLE so the job runs again. Invoices past draft are left alone.
 */
export async function collectInvoice(
  deps: { repos: Pick<Repositories, 'invoices' | 'audit'>; collector: PaymentCollector; at: Date },
  invoice: Invoice,
): Promise<Invoice> {
  const { repos, collector, at } = deps;
  if (invoice.status !== 'draft') return invoice;
  const result = await collector.collect(invoice);
  if (result.status === 'succeeded') {
    await markPaid(repos, invoice, at, result.reference);
  } else if (result.status === 'failed' && result.retryable) {
    throw new BillingError(
      ErrorKinds.unavailable,
      `Collecting invoice ${invoice.number} failed (${result.reason}); it will be tried again.`,
      { invoiceNumber: invoice.number },
    );
  } else {
    await repos.invoices.updateIf(invoice.id, 'draft', { status: 'open' });
    if (result.status === 'failed') {
      await repos.audit.append({
        at,
        actorType: 'system',
        action: 'invoice.collection_failed',
        entityType: 'invoice',
        entityId: invoice.id,
        details: { number: invoice.number, reason: result.reason },
      });
    }
  }
  return (await repos.invoices.findById(invoice.id)) ?? invoice;
}

async function markPaid(
  repos: Pick<Repositories, 'invoices' | 'audit'>,
  invoice: Invoice,
  at: Date,
  reference: string,
): Promise<void> {
  const paid =
    (await repos.invoices.updateIf(invoice.id, 'draft', { status: 'paid', paidAt: at })) ||
    (await repos.invoices.updateIf(invoice.id, 'open', { status: 'paid', paidAt: at }));
  if (paid) {
    await repos.audit.append({
      at,
      actorType: 'system',
      action: 'invoice.paid',
      entityType: 'invoice',
      entityId: invoice.id,
      details: { number: invoice.number, reference },
    });
  }
}
