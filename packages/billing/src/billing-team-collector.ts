import type { AuditRepository, Clock, InvoiceRepository, PaymentCollector } from '@dropship/core';

export interface BillingTeamCollectorOptions {
  repos: { invoices: InvoiceRepository; audit: AuditRepository };
  clock: Clock;
}

/**
 * The built-in payment collector: no card processor is reachable, so a new
 * invoice is finalised as `open` for the billing team, who collect it and mark
 * it paid. A payment processor plugs in by implementing `PaymentCollector`.
 */
export function createBillingTeamCollector(options: BillingTeamCollectorOptions): PaymentCollector {
  const { repos, clock } = options;
  return {
    async collect(invoice) {
      const opened = await repos.invoices.updateIf(invoice.id, 'draft', { status: 'open' });
      if (opened) {
        await repos.audit.append({
          at: clock.now(),
          actorType: 'system',
          action: 'invoice.awaiting_billing_team',
          entityType: 'invoice',
          entityId: invoice.id,
          details: { number: invoice.number, amountMinor: invoice.amountMinor, currency: invoice.currency },
        });
      }
      return {
        status: 'requires_action',
        reason: `Invoice ${invoice.number} is open: the billing team collects it and marks it paid.`,
      };
    },
  };
}
