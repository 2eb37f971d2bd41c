import type { StandInOrder, StandInOrderLine, StandInProduct, StandInState } from './state';
import { toWooGmt } from './state';

export type ProductInput = Partial<Omit<StandInProduct, 'id'>>;
export type OrderInput = Partial<Omit<StandInOrder, 'id' | 'line_items'>> & {
  line_items?: Partial<StandInOrderLine>[];
};

/** A product shaped like `/wc/v3/products/<id>` (the fields the platform reads, plus a few common ones). */
export function buildProduct(state: StandInState, homeUrl: string, input: ProductInput = {}): StandInProduct {
  const id = state.allocateId();
  const created = toWooGmt(new Date(Date.UTC(2026, 0, 1) + id * 60_000));
  const slug = input.slug ?? `product-${id}`;
  return {
    name: `Product ${id}`,
    slug,
    permalink: `${homeUrl}/product/${slug}/`,
    status: 'publish',
    type: 'simple',
    sku: `SKU-${id}`,
    description: `<p>Description of product ${id}</p>`,
    short_description: '',
    date_created_gmt: created,
    date_modified_gmt: created,
    images: [
      { id: id * 10, src: `${homeUrl}/wp-content/uploads/product-${id}.jpg`, name: `product-${id}`, alt: '' },
    ],
    regular_price: '19.90',
    price: '19.90',
    stock_status: 'instock',
    ...input,
    id,
  };
}

export function buildOrder(state: StandInState, input: OrderInput = {}): StandInOrder {
  const id = state.allocateId();
  const created = input.date_created_gmt ?? toWooGmt(new Date(Date.UTC(2026, 0, 1) + id * 60_000));
  const lines = (input.line_items ?? [{}]).map((line, index) => ({
    id: id * 100 + index,
    name: `Line ${index + 1}`,
    product_id: 0,
    variation_id: 0,
    quantity: 1,
    sku: '',
    total: '19.90',
    price: 19.9,
    ...line,
  }));
  return {
    parent_id: 0,
    number: String(id),
    status: 'processing',
    currency: 'EUR',
    total: lines.reduce((sum, line) => sum + Number(line.total), 0).toFixed(2),
    customer_id: 0,
    date_modified_gmt: created,
    ...input,
    date_created_gmt: created,
    line_items: lines,
    id,
  };
}
