import { z } from 'zod';

/** WooCommerce dates ending in `_gmt` are UTC without a zone designator: `2017-03-22T16:28:02`. */
export function wooGmtToDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const wooId = z.coerce.number().int().nonnegative();

export const wooImageSchema = z.looseObject({
  id: wooId.optional(),
  src: z.string(),
  name: z.string().optional(),
  alt: z.string().optional(),
});

/** A product as `/wc/v3/products` returns it; fields we do not use pass through untouched. */
export const wooProductSchema = z.looseObject({
  id: wooId,
  name: z.string(),
  slug: z.string().optional(),
  permalink: z.string().optional(),
  status: z.string(),
  type: z.string().optional(),
  sku: z.string().nullish(),
  description: z.string().nullish(),
  short_description: z.string().nullish(),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  images: z.array(wooImageSchema).optional(),
});
export type WooProduct = z.infer<typeof wooProductSchema>;

export const wooLineItemSchema = z.looseObject({
  id: wooId.optional(),
  name: z.string(),
  product_id: wooId,
  variation_id: wooId.default(0),
  quantity: z.coerce.number().int(),
  sku: z.string().nullish(),
  total: z.string().optional(),
  price: z.coerce.number().optional(),
});
export type WooLineItem = z.infer<typeof wooLineItemSchema>;

/** An order as `/wc/v3/orders` returns it and as the `order.*` webhooks deliver it. */
export const wooOrderSchema = z.looseObject({
  id: wooId,
  parent_id: wooId.optional(),
  number: z.coerce.string().optional(),
  status: z.string(),
  currency: z.string().optional(),
  total: z.string().optional(),
  customer_id: wooId.optional(),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  line_items: z.array(wooLineItemSchema).default([]),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;

/** Product statuses the REST API filters on; `trash` means removed from the shop. */
export const WooProductStatuses = {
  any: 'any',
  draft: 'draft',
  pending: 'pending',
  private: 'private',
  publish: 'publish',
  trash: 'trash',
} as const;
export type WooProductStatus = (typeof WooProductStatuses)[keyof typeof WooProductStatuses];

export const WooOrderStatuses = {
  any: 'any',
  pending: 'pending',
  processing: 'processing',
  onHold: 'on-hold',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
  failed: 'failed',
  trash: 'trash',
} as const;
export type WooOrderStatus = (typeof WooOrderStatuses)[keyof typeof WooOrderStatuses];

/** One page of a list endpoint with the totals WooCommerce sends as headers. */
export interface WooPage<T> {
  items: T[];
  page: number;
  /** `X-WP-Total`; null when the host dropped the header. */
  total: number | null;
  /** `X-WP-TotalPages`; null when the host dropped the header. */
  totalPages: number | null;
}

/** A webhook as `/wc/v3/webhooks` returns it (the secret is write-only, never returned). */
export const wooWebhookSchema = z.looseObject({
  id: wooId,
  name: z.string().optional(),
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
});
export type WooWebhook = z.infer<typeof wooWebhookSchema>;

/** What creating or updating a webhook sends. */
export interface WooWebhookInput {
  name?: string;
  status?: 'active' | 'paused' | 'disabled';
  topic?: string;
  delivery_url?: string;
  secret?: string;
}
