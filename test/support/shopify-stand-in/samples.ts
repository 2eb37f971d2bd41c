/**
 * Sample bodies as shopify.dev's webhook reference shows them (values kept,
 * so parsers are tested against what Shopify documents, nulls included).
 */

/** `app/uninstalled`: the REST Shop resource. `domain` and `myshopify_domain` can be null. */
export const appUninstalledSample = {
  id: 548380009,
  name: 'Super Toys',
  email: 'super@supertoys.com',
  domain: null,
  province: 'Tennessee',
  country: 'US',
  address1: '190 MacLaren Street',
  zip: '37178',
  city: 'Houston',
  source: null,
  phone: '3213213210',
  latitude: null,
  longitude: null,
  primary_locale: 'en',
  address2: null,
  created_at: null,
  updated_at: null,
  country_code: 'US',
  country_name: 'United States',
  currency: 'USD',
  customer_email: 'super@supertoys.com',
  timezone: '(GMT-05:00) Eastern Time (US & Canada)',
  iana_timezone: null,
  shop_owner: 'John Smith',
  money_format: '${{amount}}',
  money_with_currency_format: '${{amount}} USD',
  weight_unit: 'kg',
  province_code: 'TN',
  taxes_included: null,
  auto_configure_tax_inclusivity: null,
  tax_shipping: null,
  county_taxes: null,
  plan_display_name: 'Shopify Plus',
  plan_name: 'enterprise',
  has_discounts: false,
  has_gift_cards: true,
  myshopify_domain: null,
  google_apps_domain: null,
  google_apps_login_enabled: null,
  money_in_emails_format: '${{amount}}',
  money_with_currency_in_emails_format: '${{amount}} USD',
  eligible_for_payments: true,
  requires_extra_payments_agreement: false,
  password_enabled: null,
  has_storefront: true,
  finances: true,
  primary_location_id: 655441491,
  checkout_api_supported: true,
  multi_location_enabled: true,
  setup_required: false,
  pre_launch_enabled: false,
  enabled_presentment_currencies: ['USD'],
  marketing_sms_consent_enabled_at_checkout: false,
  transactional_sms_disabled: false,
};

export const appSubscriptionsUpdateSample = {
  app_subscription: {
    admin_graphql_api_id: 'gid://shopify/AppSubscription/1029266947',
    name: 'Webhook Test',
    status: 'PENDING',
    admin_graphql_api_shop_id: 'gid://shopify/Shop/548380009',
    created_at: '2021-12-31T19:00:00-05:00',
    updated_at: '2021-12-31T19:00:00-05:00',
    currency: 'USD',
    capped_amount: '20.0',
    price: '10.00',
    interval: 'every_30_days',
    plan_handle: 'plan-123',
  },
};

/**
 * Bodies whose documented ids are beyond 2^53 are kept as the raw JSON text
 * Shopify sends: as JS number literals they would already be rounded.
 */
export const productsDeleteSampleJson = '{"id":788032119674292922}';

export const ordersCreateSampleJson = `{
  "id": 820982911946154508,
  "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
  "name": "#9999",
  "email": "jon@example.com",
  "created_at": "2021-12-31T19:00:00-05:00",
  "updated_at": "2021-12-31T19:00:00-05:00",
  "cancelled_at": "2021-12-31T19:00:00-05:00",
  "financial_status": "voided",
  "fulfillment_status": "pending",
  "currency": "USD",
  "customer": {
    "id": 115310627314723954,
    "email": "john@example.com",
    "first_name": "John",
    "last_name": "Smith",
    "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"
  },
  "line_items": [
    {
      "id": 866550311766439020,
      "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
      "product_id": 632910392,
      "variant_id": 808950810,
      "sku": "IPOD2008PINK",
      "quantity": 1,
      "title": "IPod Nano - 8GB",
      "price": "199.00"
    },
    {
      "id": 141249953214522974,
      "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
      "product_id": null,
      "variant_id": null,
      "sku": null,
      "quantity": 1,
      "title": "Custom engraving",
      "price": "10.00"
    }
  ]
}`;

export const customersDataRequestSample = {
  shop_id: 954889,
  shop_domain: '{shop}.myshopify.com',
  orders_requested: [299938, 280263, 220458],
  customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
  data_request: { id: 9999 },
};

export const customersRedactSample = {
  shop_id: 954889,
  shop_domain: '{shop}.myshopify.com',
  customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
  orders_to_redact: [299938, 280263, 220458],
};

export const shopRedactSample = { shop_id: 954889, shop_domain: '{shop}.myshopify.com' };
