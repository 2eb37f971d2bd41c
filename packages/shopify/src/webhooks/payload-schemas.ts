import { z } from 'zod';

// Shopify's REST ids are JSON numbers (digit strings when beyond 2^53); the adapter keeps them as strings.
const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const nullableString = z
  .string()
  .nullable()
  .optional()
  .transform((value) => value ?? null);
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * The REST Shop resource, body of `app/uninstalled` (and `shop/update`). Most
 * fields may be null. The fields the platform reads; the other sixty or so are
 * left out of the parsed value (copying them cost six times the parse, on the
 * busiest webhook).
 */
export const shopPayloadSchema = z.object({
  id,
  name: nullableString,
  email: nullableString,
  domain: nullableString,
  myshopify_domain: nullableString,
  plan_name: nullableString,
  plan_display_name: nullableString,
  shop_owner: nullableString,
  currency: nullableString,
  country_code: nullableString,
});

export const appSubscriptionUpdateSchema = z.object({
  app_subscription: z.looseObject({
    admin_graphql_api_id: z.string().startsWith('gid://shopify/AppSubscription/'),
    name: z.string(),
    status: z.enum(['ACTIVE', 'CANCELLED', 'DECLINED', 'EXPIRED', 'FROZEN', 'PENDING']),
    admin_graphql_api_shop_id: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    currency: z.string().length(3),
    capped_amount: z
      .union([z.string(), z.number()])
      .nullable()
      .optional()
      .transform((value) => (value == null ? null : String(value))),
    price: z
      .union([z.string(), z.number()])
      .optional()
      .transform((value) => (value == null ? null : String(value))),
    interval: nullableString,
    plan_handle: nullableString,
  }),
});

export const productDeleteSchema = z.looseObject({ id });

const lineItemSchema = z.looseObject({
  id,
  admin_graphql_api_id: nullableString,
  product_id: id
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  variant_id: id
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  sku: nullableString,
  quantity: z.number().int(),
  title: z.string(),
});

const orderCustomerSchema = z.looseObject({
  id,
  admin_graphql_api_id: nullableString,
  email: nullableString,
  first_name: nullableString,
  last_name: nullableString,
});

export const orderCreateSchema = z.looseObject({
  id,
  admin_graphql_api_id: z.string().startsWith('gid://shopify/Order/'),
  name: z.string(),
  email: nullableString,
  created_at: timestamp,
  updated_at: timestamp
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  cancelled_at: timestamp
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  financial_status: nullableString,
  fulfillment_status: nullableString,
  customer: orderCustomerSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  line_items: z.array(lineItemSchema),
});

const complianceCustomer = z.looseObject({ id, email: nullableString, phone: nullableString });

export const customersDataRequestSchema = z.looseObject({
  shop_id: id,
  shop_domain: z.string(),
  orders_requested: z.array(id).default([]),
  customer: complianceCustomer,
  data_request: z.looseObject({ id }),
});

export const customersRedactSchema = z.looseObject({
  shop_id: id,
  shop_domain: z.string(),
  customer: complianceCustomer,
  orders_to_redact: z.array(id).default([]),
});

export const shopRedactSchema = z.looseObject({ shop_id: id, shop_domain: z.string() });

export type ShopPayload = z.output<typeof shopPayloadSchema>;
export type AppSubscriptionUpdatePayload = z.output<typeof appSubscriptionUpdateSchema>;
export type ProductDeletePayload = z.output<typeof productDeleteSchema>;
export type OrderCreatePayload = z.output<typeof orderCreateSchema>;
export type CustomersDataRequestPayload = z.output<typeof customersDataRequestSchema>;
export type CustomersRedactPayload = z.output<typeof customersRedactSchema>;
export type ShopRedactPayload = z.output<typeof shopRedactSchema>;
