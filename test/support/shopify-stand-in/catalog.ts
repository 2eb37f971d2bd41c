import type { OrderState, ProductState, ShopState, StandInState } from './state';
import { gid, parseGid, productView } from './views';

export interface ProductInput {
  id?: string | null;
  title?: string | null;
  handle?: string | null;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status?: string | null;
  tags?: string[] | null;
  variants?: Array<{
    sku?: string | null;
    price?: string | null;
    optionValues: Array<{ name?: string | null }>;
  }> | null;
  files?: Array<{ originalSource?: string | null }> | null;
}

function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function uniqueHandle(shop: ShopState, wanted: string, self: ProductState | undefined): string {
  let handle = wanted;
  for (let n = 1; shop.products.some((product) => product.handle === handle && product !== self); n += 1)
    handle = `${wanted}-${n}`;
  return handle;
}

type ProductUserError = { field: string[]; message: string; code: string };

/** productSet: create, or update when `input.id` names a product; list fields are replaced. */
export function setProduct(state: StandInState, shop: ShopState, input: ProductInput, now: Date) {
  const errors: ProductUserError[] = [];
  let existing: ProductState | undefined;
  if (input.id) {
    const parsed = parseGid(input.id);
    existing = shop.products.find((product) => parsed?.type === 'Product' && product.id === parsed.id);
    if (!existing)
      errors.push({
        field: ['input', 'id'],
        message: 'Product does not exist',
        code: 'PRODUCT_DOES_NOT_EXIST',
      });
  }
  const title = input.title ?? existing?.title ?? '';
  if (title.trim() === '')
    errors.push({ field: ['input', 'title'], message: "Title can't be blank", code: 'BLANK' });
  if (errors.length > 0) return { product: null, productSetOperation: null, userErrors: errors };

  const status = input.status ?? existing?.status ?? 'ACTIVE';
  const product: ProductState = existing ?? {
    id: state.newId(),
    title,
    handle: '',
    descriptionHtml: '',
    status,
    vendor: shop.name,
    productType: '',
    tags: [],
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    variants: [],
    imageUrls: [],
  };
  product.title = title;
  product.handle = uniqueHandle(shop, input.handle ?? (existing?.handle || slugify(title)), product);
  product.descriptionHtml = input.descriptionHtml ?? product.descriptionHtml;
  product.vendor = input.vendor ?? product.vendor;
  product.productType = input.productType ?? product.productType;
  product.tags = input.tags ?? product.tags;
  product.status = status;
  product.updatedAt = now;
  if (status === 'ACTIVE' && product.publishedAt === null) product.publishedAt = now;
  if (input.variants) {
    product.variants = input.variants.map((variant) => ({
      id: state.newId(),
      title: variant.optionValues.map((value) => value.name ?? '').join(' / ') || 'Default Title',
      sku: variant.sku ?? null,
      price: variant.price ?? '0.00',
    }));
  }
  if (product.variants.length === 0)
    product.variants = [{ id: state.newId(), title: 'Default Title', sku: null, price: '0.00' }];
  if (input.files) product.imageUrls = input.files.map((file) => file.originalSource ?? '').filter(Boolean);
  if (!existing) shop.products.push(product);
  return { product: productView(shop, product), productSetOperation: null, userErrors: [] };
}

/** productCreate (2024-04 and later: `product:` and `media:` arguments). */
export function createProduct(
  state: StandInState,
  shop: ShopState,
  args: { product?: ProductInput | null; media?: Array<{ originalSource: string }> | null },
  now: Date,
) {
  const input = {
    ...(args.product ?? {}),
    id: null,
    files: (args.media ?? []).map((media) => ({ originalSource: media.originalSource })),
  };
  const result = setProduct(state, shop, input, now);
  return {
    product: result.product,
    userErrors: result.userErrors.map(({ field, message }) => ({ field, message })),
  };
}

export interface OrderInput {
  email?: string | null;
  /** OrderDisplayFinancialStatus (default `PAID`). */
  financialStatus?: string;
  createdAt?: Date;
  updatedAt?: Date;
  customer?: { email?: string | null; firstName?: string | null; lastName?: string | null } | null;
  lineItems: Array<{
    productId?: string | null;
    sku?: string | null;
    quantity?: number;
    title: string;
    price?: string;
  }>;
}

/** Records an order as if a customer had checked out. */
export function addOrder(state: StandInState, shop: ShopState, input: OrderInput, now: Date): OrderState {
  const createdAt = input.createdAt ?? now;
  const order: OrderState = {
    id: state.newId(),
    number: 1001 + shop.orders.length,
    email: input.email ?? input.customer?.email ?? null,
    createdAt,
    updatedAt: input.updatedAt ?? createdAt,
    cancelledAt: null,
    customer: input.customer
      ? {
          id: state.newId(),
          email: input.customer.email ?? null,
          firstName: input.customer.firstName ?? null,
          lastName: input.customer.lastName ?? null,
        }
      : null,
    currency: shop.currency,
    financialStatus: input.financialStatus ?? 'PAID',
    lineItems: input.lineItems.map((line) => {
      const productId = line.productId ? (parseGid(line.productId)?.id ?? null) : null;
      const product = shop.products.find((candidate) => candidate.id === productId);
      return {
        id: state.newId(),
        productId,
        variantId: product?.variants[0]?.id ?? null,
        sku: line.sku ?? product?.variants[0]?.sku ?? null,
        quantity: line.quantity ?? 1,
        title: line.title,
        price: line.price ?? product?.variants[0]?.price ?? '0.00',
      };
    }),
  };
  shop.orders.push(order);
  return order;
}

/** The REST Order body of `orders/create`. */
export function orderWebhookPayload(order: OrderState) {
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    name: `#${order.number}`,
    order_number: order.number,
    email: order.email,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
    cancelled_at: order.cancelledAt?.toISOString() ?? null,
    currency: order.currency,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: null,
    customer: order.customer
      ? {
          id: order.customer.id,
          email: order.customer.email,
          first_name: order.customer.firstName,
          last_name: order.customer.lastName,
          admin_graphql_api_id: gid('Customer', order.customer.id),
        }
      : null,
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      admin_graphql_api_id: gid('LineItem', line.id),
      product_id: line.productId,
      variant_id: line.variantId,
      sku: line.sku,
      quantity: line.quantity,
      title: line.title,
      price: line.price,
    })),
  };
}

export interface ProductSeed {
  title?: string;
  sku?: string;
  /** ProductStatus (default `ACTIVE`). */
  status?: 'ACTIVE' | 'ARCHIVED' | 'DRAFT' | 'UNLISTED';
  /** Published to the online store (`publishedAt` set); default: when the status is ACTIVE. */
  published?: boolean;
}

/** A product put straight into a state, as a merchant may leave it in the admin. */
export function seedProduct(
  state: StandInState,
  shop: ShopState,
  seed: ProductSeed,
  now: Date,
): ProductState {
  const status = seed.status ?? 'ACTIVE';
  const result = setProduct(
    state,
    shop,
    {
      title: seed.title ?? `Product ${shop.products.length + 1}`,
      status,
      variants: [{ optionValues: [{ name: 'Default Title' }], sku: seed.sku ?? null }],
    },
    now,
  );
  const product = shop.products.find((candidate) => gid('Product', candidate.id) === result.product?.id);
  if (!product) throw new Error(`Could not seed a product on ${shop.domain}`);
  product.publishedAt = (seed.published ?? status === 'ACTIVE') ? now : null;
  return product;
}

/** The merchant deletes the product: `product(id:)` answers null from then on. */
export function deleteProduct(shop: ShopState, productGid: string): boolean {
  const parsed = parseGid(productGid);
  const index = shop.products.findIndex((product) => parsed?.type === 'Product' && product.id === parsed.id);
  if (index < 0) return false;
  shop.products.splice(index, 1);
  return true;
}

/** Shopify's search syntax for `updated_at` / `created_at` comparisons (the only filters the adapter sends). */
export function filterOrders(orders: OrderState[], query: string | null | undefined): OrderState[] {
  if (!query) return orders;
  const clauses = [...query.matchAll(/(updated_at|created_at):(>=|<=|>|<)?'?([^'\s]+)'?/g)];
  return orders.filter((order) =>
    clauses.every(([, field, op = '=', value]) => {
      const left = (field === 'updated_at' ? order.updatedAt : order.createdAt).getTime();
      const right = new Date(value as string).getTime();
      if (op === '>=') return left >= right;
      if (op === '<=') return left <= right;
      if (op === '>') return left > right;
      if (op === '<') return left < right;
      return left === right;
    }),
  );
}
