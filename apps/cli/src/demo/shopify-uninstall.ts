import { createHmac, randomUUID } from 'node:crypto';

export interface UninstallWebhookParams {
  appUrl: string;
  shop: string;
  apiSecret: string;
  apiVersion: string;
  now: Date;
}

export interface UninstallWebhookResult {
  status: number;
  body: string;
  webhookId: string;
}

/**
 * The `app/uninstalled` body: the REST Shop resource of shopify.dev's webhook
 * reference sample, for the demo shop.
 */
function uninstalledShop(shop: string) {
  return {
    id: 954889,
    name: 'Demo Shop',
    email: 'demo@dropship.test',
    domain: shop,
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
    customer_email: 'demo@dropship.test',
    timezone: '(GMT-05:00) Eastern Time (US & Canada)',
    iana_timezone: null,
    shop_owner: 'Demo Merchant',
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
    myshopify_domain: shop,
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
}

/**
 * POSTs a signed `app/uninstalled` delivery to the app exactly as Shopify
 * does: the `X-Shopify-*` headers of shopify.dev's delivery structure and a
 * base64 HMAC-SHA256 of the raw body with the app's client secret.
 */
export async function sendUninstallWebhook(params: UninstallWebhookParams): Promise<UninstallWebhookResult> {
  const rawBody = Buffer.from(JSON.stringify(uninstalledShop(params.shop)));
  const webhookId = randomUUID();
  const response = await fetch(`${params.appUrl}/webhooks/app/uninstalled`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': 'app/uninstalled',
      'X-Shopify-Hmac-Sha256': createHmac('sha256', params.apiSecret).update(rawBody).digest('base64'),
      'X-Shopify-Shop-Domain': params.shop,
      'X-Shopify-API-Version': params.apiVersion,
      'X-Shopify-Webhook-Id': webhookId,
      'X-Shopify-Event-Id': randomUUID(),
      'X-Shopify-Triggered-At': params.now.toISOString(),
    },
    body: rawBody,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text(), webhookId };
}
