import type { Invoice, Repositories } from '@dropship/core';

const VOIDABLE: readonly Invoice['status'][] = ['draft', 'open', 'uncollectible'];

/**
 * The invoices of a subscription that bill time after `endsAt`: periods ending
 * later than billing does. An immediate cancellation so covers the unpaid
 * period it cuts short; a cancellation at period end covers none of the
 * current period (it is used to its end).
 */
export function invoicesBillingAfter(invoices: readonly Invoice[], endsAt: Date): Invoice[] {
  return invoices.filter(
    (invoice) => invoice.status !== 'void' && invoice.periodEnd.getTime() > endsAt.getTime(),
  );
}

export interface VoidOutcome {
  voided: Invoice[];
  /** Already paid: they cannot be voided, the billing team adjusts them by hand. */
  paid: Invoice[];
}

/** Voids every unpaid invoice billing time after `endsAt`; returns what was voided and what was already paid. */
export async function voidOrReport(
  repos: Pick<Repositories, 'invoices'>,
  subscriptionId: string,
  endsAt: Date,
  at: Date,
): Promise<VoidOutcome> {
  const candidates = invoicesBillingAfter(await repos.invoices.listBySubscription(subscriptionId), endsAt);
  const outcome: VoidOutcome = { voided: [], paid: [] };
  for (const invoice of candidates) {
    const voided =
      VOIDABLE.includes(invoice.status) &&
      (await repos.invoices.updateIf(invoice.id, invoice.status, { status: 'void', voidedAt: at }));
    const current = voided ? null : await repos.invoices.findById(invoice.id);
    if (voided) outcome.voided.push({ ...invoice, status: 'void', voidedAt: at });
    else if (current?.status === 'paid') outcome.paid.push(current);
  }
  return outcome;
}

/** Voids unpaid invoices billing time after `endsAt`; returns the voided ones. */
export async function voidInvoicesAfter(
  repos: Pick<Repositories, 'invoices'>,
  subscriptionId: string,
  endsAt: Date,
  at: Date,
): Promise<Invoice[]> {
  return (await voidOrReport(repos, subscriptionId, endsAt, at)).voided;
}
