import type { OrderState, ProductState, ShopState, SubscriptionState } from './state';

export const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;

export function parseGid(value: string): { type: string; id: number } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(value);
  return match ? { type: match[1] as string, id: Number(match[2]) } : null;
}

interface Page<T> {
  items: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  cursorOf: (item: T) => string;
}

export const cursorFor = (id: number): string =>
  Buffer.from(JSON.stringify({ last_id: id })).toString('base64');

function idFromCursor(cursor: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString()) as { last_id?: unknown };
    return typeof parsed.last_id === 'number' ? parsed.last_id : null;
  } catch {
    return null;
  }
}

/** Forward cursor pagination over an ordered list; an unknown cursor is a GraphQL error as on Shopify. */
export function paginate<T extends { id: number }>(
  all: T[],
  first: number | null | undefined,
  after: string | null | undefined,
): Page<T> {
  const limit = first ?? 50;
  if (limit < 0 || limit > 250) throw new Error('The first argument must be between 0 and 250.');
  let start = 0;
  if (after) {
    const id = idFromCursor(after);
    const index = id === null ? -1 : all.findIndex((item) => item.id === id);
    if (index < 0) throw new Error(`Invalid cursor for current pagination sort.`);
    start = index + 1;
  }
  const items = all.slice(start, start + limit);
  const last = items[items.length - 1];
  return {
    items,
    cursorOf: (item) => cursorFor(item.id),
    pageInfo: {
      hasNextPage: start + limit < all.length,
      hasPreviousPage: start > 0,
      startCursor: items[0] ? cursorFor(items[0].id) : null,
      endCursor: last ? cursorFor(last.id) : null,
    },
  };
}

export function subscriptionView(subscription: SubscriptionState) {
  return {
    __typename: 'AppSubscription',
    id: gid('AppSubscription', subscription.id),
    name: subscription.name,
    status: subscription.status,
    test: subscription.test,
    trialDays: subscription.trialDays,
    createdAt: subscription.createdAt.toISOString(),
    // Shopify answers null once the subscription is not active.
    currentPeriodEnd:
      subscription.status === 'ACTIVE' && subscription.periodEnd
        ? subscription.periodEnd.toISOString()
        : null,
    returnUrl: subscription.returnUrl,
    lineItems: subscription.lineItems.map((item) => ({
      id: gid('AppSubscriptionLineItem', item.id),
      plan: {
        pricingDetails: {
          __typename: 'AppRecurringPricing',
          interval: item.interval,
          price: { amount: item.amount, currencyCode: item.currencyCode },
          discount: null,
          planHandle: null,
        },
      },
    })),
  };
}

export function productView(shop: ShopState, product: ProductState) {
  return {
    __typename: 'Product',
    id: gid('Product', product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    description: product.descriptionHtml.replace(/<[^>]*>/g, ''),
    descriptionHtml: product.descriptionHtml,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    publishedAt: product.publishedAt?.toISOString() ?? null,
    onlineStoreUrl: product.publishedAt ? `https://${shop.domain}/products/${product.handle}` : null,
    variants: ({ first, after }: { first?: number; after?: string }) => {
      const page = paginate(product.variants, first, after);
      return {
        nodes: page.items.map((variant) => ({
          __typename: 'ProductVariant',
          ...variant,
          id: gid('ProductVariant', variant.id),
        })),
        pageInfo: page.pageInfo,
      };
    },
  };
}

export function orderView(shop: ShopState, order: OrderState) {
  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: `#${order.number}`,
    email: order.email,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: 'UNFULFILLED',
    customer: order.customer
      ? { __typename: 'Customer', ...order.customer, id: gid('Customer', order.customer.id) }
      : null,
    lineItems: ({ first, after }: { first?: number; after?: string }) => {
      const page = paginate(order.lineItems, first, after);
      return {
        nodes: page.items.map((line) => {
          const product = shop.products.find((candidate) => candidate.id === line.productId);
          return {
            __typename: 'LineItem',
            id: gid('LineItem', line.id),
            sku: line.sku,
            quantity: line.quantity,
            title: line.title,
            product: product ? productView(shop, product) : null,
            variant: line.variantId
              ? {
                  __typename: 'ProductVariant',
                  id: gid('ProductVariant', line.variantId),
                  title: line.title,
                  sku: line.sku,
                  price: line.price,
                }
              : null,
          };
        }),
        pageInfo: page.pageInfo,
      };
    },
  };
}
