import type { Me, PendingOrder, ProductLeft, StoreSummary, Subscription } from '../api/types';

/** Builders of API data for tests, shaped as docs/api.md. */

export function accountMe(overrides: Partial<Me> = {}): Me {
  return {
    account: { id: 'acc_1', email: 'owner@example.com', name: 'Owner', status: 'active' },
    mode: 'account',
    locale: 'en',
    csrfToken: 'csrf-123',
    ...overrides,
  };
}

export function platformSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_woo',
    provider: 'platform',
    planName: 'Growth',
    price: { amountMinor: 2900, currency: 'EUR' },
    status: 'active',
    currentPeriodEnd: '2030-07-31T00:00:00.000Z',
    nextChargeAt: '2030-08-01T00:00:00.000Z',
    billingEndsAt: null,
    cancelAtPeriodEnd: false,
    cancelReason: null,
    stillBilled: true,
    ...overrides,
  };
}

export function shopifySubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_shop',
    provider: 'shopify',
    planName: 'Pro',
    price: { amountMinor: 1900, currency: 'USD' },
    status: 'active',
    currentPeriodEnd: '2030-06-15T00:00:00.000Z',
    nextChargeAt: '2030-06-15T00:00:00.000Z',
    billingEndsAt: null,
    cancelAtPeriodEnd: false,
    cancelReason: null,
    stillBilled: true,
    ...overrides,
  };
}

export function wooStore(overrides: Partial<StoreSummary> = {}): StoreSummary {
  return {
    id: 'st_woo',
    platform: 'woocommerce',
    domain: 'shop.example.fr',
    state: 'connected',
    automationEnabled: true,
    disconnectedAt: null,
    disconnectSource: null,
    subscription: platformSubscription(),
    productsLeft: { total: 0, removed: 0 },
    pendingOrders: { count: 0 },
    ...overrides,
  };
}

export function shopifyStore(overrides: Partial<StoreSummary> = {}): StoreSummary {
  return {
    id: 'st_shop',
    platform: 'shopify',
    domain: 'acme.myshopify.com',
    state: 'connected',
    automationEnabled: true,
    disconnectedAt: null,
    disconnectSource: null,
    subscription: shopifySubscription(),
    productsLeft: { total: 0, removed: 0 },
    pendingOrders: { count: 0 },
    ...overrides,
  };
}

export function product(index: number, overrides: Partial<ProductLeft> = {}): ProductLeft {
  return {
    id: `p_${index}`,
    platformProductId: String(1000 + index),
    title: `Product ${index}`,
    handle: `product-${index}`,
    sku: `SKU-${index}`,
    adminUrl: `https://admin.shopify.com/store/acme/products/${1000 + index}`,
    storefrontUrl: null,
    publishedAt: '2030-01-10T00:00:00.000Z',
    removedAt: null,
    ...overrides,
  };
}

export function pendingOrder(index: number): PendingOrder {
  return {
    id: `o_${index}`,
    platformOrderId: String(5000 + index),
    name: `#${1000 + index}`,
    createdAt: '2030-05-02T00:00:00.000Z',
    status: 'awaiting_supplier',
    adminUrl: `https://admin.shopify.com/store/acme/orders/${5000 + index}`,
  };
}
