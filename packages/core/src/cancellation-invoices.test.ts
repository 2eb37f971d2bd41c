import { invoicesVoidedByCancellation } from './cancellation-invoices';
import type { Invoice, InvoiceStatus } from './model';

const endsAt = new Date('2025-03-01T00:00:00.000Z');

function invoice(
  number: string,
  status: InvoiceStatus,
  periodStart: string,
  subscriptionId = 'sub_1',
): Invoice {
  const start = new Date(periodStart);
  return {
    id: `inv_${number}`,
    number,
    subscriptionId,
    accountId: 'acct_1',
    status,
    amountMinor: 2900,
    currency: 'EUR',
    periodStart: start,
    periodEnd: new Date(start.getTime() + 28 * 86_400_000),
    issuedAt: start,
    paidAt: null,
    voidedAt: null,
  };
}

describe('invoicesVoidedByCancellation', () => {
  const invoices = [
    invoice('1', 'paid', '2025-02-01T00:00:00.000Z'),
    invoice('2', 'open', '2025-02-01T00:00:00.000Z'),
    invoice('3', 'open', '2025-03-01T00:00:00.000Z'),
    invoice('4', 'paid', '2025-03-01T00:00:00.000Z'),
    invoice('5', 'open', '2025-03-01T00:00:00.000Z', 'sub_other'),
  ];

  it('voids only the open renewal invoices of periods after billing ends', () => {
    const voided = invoicesVoidedByCancellation({ id: 'sub_1', billingEndsAt: endsAt }, invoices);
    expect(voided.map((i) => i.number)).toEqual(['3']);
  });

  it('a subscription that has not ended voids nothing', () => {
    expect(invoicesVoidedByCancellation({ id: 'sub_1', billingEndsAt: null }, invoices)).toEqual([]);
  });
});
