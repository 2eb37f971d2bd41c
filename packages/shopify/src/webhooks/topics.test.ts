import {
  appSubscriptionsUpdateSample,
  appUninstalledSample,
  customersDataRequestSample,
  customersRedactSample,
  ordersCreateSampleJson,
  productsDeleteSampleJson,
  shopRedactSample,
} from '../../../../test/support/shopify-stand-in';
import { orderFromWebhook } from '../orders/shopify-order';
import { isShopifyTopic, parseTopicPayload, ShopifyTopics } from './topics';

describe('webhook payload parsers', () => {
  it('parses the documented app/uninstalled Shop resource, keeping its null domains', () => {
    const result = parseTopicPayload(
      ShopifyTopics.appUninstalled,
      Buffer.from(JSON.stringify(appUninstalledSample)),
    );
    expect(result.ok && result.value).toMatchObject({
      id: '548380009',
      name: 'Super Toys',
      myshopify_domain: null,
      domain: null,
      plan_name: 'enterprise',
    });
  });

  it('parses app_subscriptions/update with dates and the subscription gid', () => {
    const result = parseTopicPayload(
      ShopifyTopics.appSubscriptionsUpdate,
      JSON.stringify(appSubscriptionsUpdateSample),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.value.app_subscription).toMatchObject({
      admin_graphql_api_id: 'gid://shopify/AppSubscription/1029266947',
      status: 'PENDING',
      capped_amount: '20.0',
      price: '10.00',
      plan_handle: 'plan-123',
    });
    expect(result.value.app_subscription.created_at).toEqual(new Date('2022-01-01T00:00:00.000Z'));
  });

  it('refuses an app subscription status Shopify does not document, naming the field', () => {
    const body = { app_subscription: { ...appSubscriptionsUpdateSample.app_subscription, status: 'PAUSED' } };
    const result = parseTopicPayload(ShopifyTopics.appSubscriptionsUpdate, body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('app_subscription.status');
  });

  it('parses products/delete, keeping a 64-bit id beyond 2^53 digit for digit', () => {
    const result = parseTopicPayload(ShopifyTopics.productsDelete, Buffer.from(productsDeleteSampleJson));
    expect(result.ok && result.value.id).toBe('788032119674292922');
  });

  it('keeps every number of a body exact, whether or not one of them is beyond a double', () => {
    // products/delete keeps the fields it does not name, so every number of the body can be seen.
    const shop = (id: string, latitude: string) =>
      `{"id":${id},"name":"Super Toys","latitude":${latitude},"longitude":-86.7816016,"finances":1e3}`;
    const parsed = (json: string) => {
      const result = parseTopicPayload(ShopifyTopics.productsDelete, json);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };
    // Fifteen significant digits at most: plain numbers.
    expect(parsed(shop('548380009', '45.4215296743827'))).toMatchObject({
      id: '548380009',
      latitude: 45.4215296743827,
      longitude: -86.7816016,
      finances: 1000,
    });
    // One id beyond 2^53, or one decimal a double cannot hold, and those keep their digits.
    expect(parsed(shop('9007199254740993', '45.4215296743827'))).toMatchObject({
      id: '9007199254740993',
      latitude: 45.4215296743827,
    });
    expect(parsed(shop('548380009', '45.42152967438274123'))).toMatchObject({
      id: '548380009',
      latitude: '45.42152967438274123',
    });
  });

  it('parses orders/create and maps it to the adapter order with global ids', () => {
    const result = parseTopicPayload(ShopifyTopics.ordersCreate, Buffer.from(ordersCreateSampleJson));
    if (!result.ok) throw new Error(result.error);
    const order = orderFromWebhook(result.value);
    expect(order.platformOrderId).toBe('gid://shopify/Order/820982911946154508');
    expect(order.legacyId).toBe('820982911946154508');
    expect(order.lineItems[0]).toMatchObject({
      productId: 'gid://shopify/Product/632910392',
      sku: 'IPOD2008PINK',
      quantity: 1,
    });
    expect(order.lineItems[1]).toMatchObject({
      productId: null,
      variantId: null,
      sku: null,
      title: 'Custom engraving',
    });
    expect(order.customer).toMatchObject({
      id: 'gid://shopify/Customer/115310627314723954',
      firstName: 'John',
    });
  });

  it('parses the three compliance payloads', () => {
    const request = parseTopicPayload(
      ShopifyTopics.customersDataRequest,
      JSON.stringify(customersDataRequestSample),
    );
    expect(request.ok && request.value).toMatchObject({
      shop_id: '954889',
      orders_requested: ['299938', '280263', '220458'],
      data_request: { id: '9999' },
    });
    const redact = parseTopicPayload(ShopifyTopics.customersRedact, JSON.stringify(customersRedactSample));
    expect(redact.ok && redact.value.customer).toMatchObject({ id: '191167', email: 'john@example.com' });
    const shopRedact = parseTopicPayload(ShopifyTopics.shopRedact, JSON.stringify(shopRedactSample));
    expect(shopRedact.ok && shopRedact.value).toMatchObject({
      shop_id: '954889',
      shop_domain: '{shop}.myshopify.com',
    });
  });

  it('gives a readable error for a body that is not JSON', () => {
    const result = parseTopicPayload(ShopifyTopics.shopRedact, Buffer.from('{oops'));
    expect(!result.ok && result.error).toMatch(/^shop\/redact body is not JSON/);
  });

  it('gives a readable error listing missing fields', () => {
    const result = parseTopicPayload(ShopifyTopics.ordersCreate, '{"id": 1}');
    expect(!result.ok && result.error).toMatch(/orders\/create payload does not match: admin_graphql_api_id/);
  });

  it('knows its topics and nothing else', () => {
    expect(Object.values(ShopifyTopics).every(isShopifyTopic)).toBe(true);
    expect(isShopifyTopic('orders/paid')).toBe(false);
    expect(isShopifyTopic('constructor')).toBe(false);
  });
});
