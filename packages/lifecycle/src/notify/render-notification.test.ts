import type { DisconnectReport } from '@dropship/core';
import { reportLinks } from '../reports/report-links';
import { renderProductsLeft, renderTeamAlert } from './render-notification';

const report = (overrides: Partial<DisconnectReport> = {}): DisconnectReport => ({
  id: 'r1',
  storeId: 's1',
  eventId: 'e1',
  source: 'shopify_uninstall',
  productsCount: 42,
  pendingOrdersCount: 2,
  pendingOrders: [
    {
      platformOrderId: '1001',
      name: '#1001',
      receivedAt: new Date('2025-03-01T09:00:00Z'),
      placement: 'not_placed',
    },
    {
      platformOrderId: '1002',
      name: null,
      receivedAt: new Date('2025-03-02T09:00:00Z'),
      placement: 'in_progress',
    },
  ],
  billing: { kind: 'ended_by_shopify', accessUntil: new Date('2025-03-31T00:00:00Z') },
  generatedAt: new Date('2025-03-03T00:00:00Z'),
  ...overrides,
});
const links = reportLinks('https://dropship.example.com/', 's1');
const store = { domain: 'shop.myshopify.com' };

describe('products-left message', () => {
  it('gives a Shopify merchant the count, the CSV link, the pending orders and the end of access', () => {
    const message = renderProductsLeft({ store, report: report(), links, language: 'en' });
    expect(message.subject).toBe('shop.myshopify.com is disconnected: 42 products stay published');
    expect(message.text).toContain('42 products we published stay on your store');
    expect(message.text).toContain('https://dropship.example.com/api/stores/s1/products-left.csv');
    expect(message.text).toContain('2 orders were not sent to the supplier');
    expect(message.text).toContain('- #1001 — 1 March 2025');
    expect(message.text).toContain('- 1002 — 2 March 2025 (being placed at the time of disconnect)');
    expect(message.text).toContain('Billing ended by Shopify, access until 31 March 2025.');
    expect(message.html).toContain('<a href="https://dropship.example.com/api/stores/s1/products-left.csv">');
  });

  it('tells a WooCommerce owner in French that the monthly subscription still runs', () => {
    const message = renderProductsLeft({
      store: { domain: 'boutique.example.fr' },
      report: report({
        pendingOrdersCount: 0,
        pendingOrders: [],
        billing: { kind: 'platform_still_active', planName: 'Growth', currentPeriodEnd: null },
      }),
      links,
      language: 'fr',
    });
    expect(message.subject).toBe('boutique.example.fr est déconnectée : 42 produits restent publiés');
    expect(message.text).toContain("Aucune commande n'attendait le fournisseur.");
    expect(message.text).toContain(
      'Votre abonnement mensuel est toujours actif — résiliez-le dans Paramètres → Gestion des boutiques.',
    );
  });

  it('escapes HTML in order names', () => {
    const message = renderProductsLeft({
      store,
      report: report({
        pendingOrders: [
          { platformOrderId: 'x', name: '<b>#1</b>', receivedAt: new Date(), placement: 'not_placed' },
        ],
      }),
      links,
      language: 'en',
    });
    expect(message.html).toContain('&#60;b&#62;#1&#60;/b&#62;');
    expect(message.html).not.toContain('<b>#1</b>');
  });

  it('lists at most twenty pending orders and says how many more the report has', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      platformOrderId: String(i),
      name: `#${i}`,
      receivedAt: new Date('2025-03-01T00:00:00Z'),
      placement: 'not_placed' as const,
    }));
    const message = renderProductsLeft({
      store,
      report: report({ pendingOrders: many, pendingOrdersCount: 25 }),
      links,
      language: 'en',
    });
    expect(message.text).toContain('… and 5 more (see the report).');
  });
});

test('the team alert names the store, the source and what was left', () => {
  const message = renderTeamAlert(
    { domain: 'shop.myshopify.com', id: 's1', platform: 'shopify' },
    report(),
    links,
  );
  expect(message.subject).toBe('Store disconnected: shop.myshopify.com (shopify_uninstall)');
  expect(message.text).toContain('42 products stay published; 2 orders were pending.');
});
