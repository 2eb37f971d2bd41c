import type { Server } from 'node:http';

import { appSubscriptionWebhookPayload, findSubscription } from './billing';
import { addOrder, deleteProduct, orderWebhookPayload, seedProduct } from './catalog';
import type { OrderInput, ProductSeed } from './catalog';
import { createStandInServer, listen } from './server';
import type { RequestLogEntry } from './server';
import { appUninstalledSample } from './samples';
import { createSessionToken } from './session-token';
import { StandInState } from './state';
import { gid, productView, subscriptionView } from './views';

export { signWebhook, deliverWebhook, webhookHeaders, toRawBody } from './webhooks';
export type { DeliverWebhookParams, DeliverWebhookResult } from './webhooks';
export * from './samples';
export { createSessionToken } from './session-token';
export type { SessionTokenParams } from './session-token';
export { signQuery } from './oauth';
export { INVALID_TOKEN_BODY } from './server';
export type { RequestLogEntry } from './server';
export type { OrderInput, ProductSeed } from './catalog';

export interface ShopifyStandInOptions {
  apiKey: string;
  apiSecret: string;
  redirectUrls?: readonly string[];
  /** The stand-in's clock (default: the real one). */
  now?: () => Date;
  port?: number;
}

/**
 * A local Shopify: OAuth, Admin GraphQL, charge confirmation, uninstall with
 * token revocation. Requests name their shop through `X-Forwarded-Host` (set by
 * the adapter's `adminApiOrigin` routing) or a `<name>.myshopify.com` Host.
 */
export interface ShopifyStandIn {
  /** `http://127.0.0.1:<port>`: pass it as `adminApiOrigin`. */
  origin: string;
  state: StandInState;
  requests: RequestLogEntry[];
  /** Fetches a `https://<shop>.myshopify.com/...` URL from the stand-in, as the merchant's browser would (no redirect following). */
  browse(shopifyUrl: string): Promise<Response>;
  /** Follows the authorize redirect of `beginInstall`; returns the app callback URL Shopify redirects to. */
  authorize(authorizeUrl: string): Promise<string>;
  /** The merchant approves (or declines) a charge on its confirmation URL; returns the app's return URL. */
  confirmCharge(confirmationUrl: string, decision?: 'approve' | 'decline'): Promise<string>;
  /** The merchant uninstalls: tokens revoked, subscription cancelled. Returns the `app/uninstalled` body. */
  uninstall(shop: string): Record<string, unknown>;
  addOrder(
    shop: string,
    input: OrderInput,
  ): { id: string; webhookPayload: ReturnType<typeof orderWebhookPayload> };
  subscription(shop: string, id: string): ReturnType<typeof subscriptionView> | null;
  subscriptionWebhookPayload(shop: string, id: string): ReturnType<typeof appSubscriptionWebhookPayload>;
  products(shop: string): Array<ReturnType<typeof productView>>;
  /** Puts a product on `shop` in the given status / publication; returns its global id. */
  addProduct(shop: string, seed?: ProductSeed): { id: string };
  /** Deletes the product (by global id); false when `shop` has no such product. */
  deleteProduct(shop: string, productGid: string): boolean;
  sessionToken(shop: string, options?: { userId?: string; expiresIn?: number }): string;
  close(): Promise<void>;
}

async function expectRedirect(response: Response, what: string): Promise<string> {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location)
    throw new Error(`${what}: expected a 302, got ${response.status} ${await response.text()}`);
  return location;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Starts the stand-in on 127.0.0.1 (a free port unless `port` is given). */
export async function startShopifyStandIn(options: ShopifyStandInOptions): Promise<ShopifyStandIn> {
  const state = new StandInState();
  const requests: RequestLogEntry[] = [];
  const now = options.now ?? (() => new Date());
  const app = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    ...(options.redirectUrls ? { redirectUrls: options.redirectUrls } : {}),
  };
  const server = createStandInServer({ state, app, now, log: requests });
  const origin = await listen(server, options.port);

  const browse = (shopifyUrl: string): Promise<Response> => {
    const url = new URL(shopifyUrl);
    const target = new URL(`${url.pathname}${url.search}`, origin);
    return fetch(target, { headers: { 'x-forwarded-host': url.host }, redirect: 'manual' });
  };

  return {
    origin,
    state,
    requests,
    browse,
    authorize: async (authorizeUrl) => expectRedirect(await browse(authorizeUrl), 'authorize'),
    confirmCharge: async (confirmationUrl, decision = 'approve') => {
      const url = new URL(confirmationUrl);
      url.searchParams.set('decision', decision);
      return expectRedirect(await browse(url.toString()), 'confirm charge');
    },
    uninstall: (shop) => {
      state.revokeShop(shop, now());
      const record = state.shop(shop);
      return {
        ...appUninstalledSample,
        id: record.id,
        name: record.name,
        email: record.email,
        myshopify_domain: shop,
        domain: shop,
      };
    },
    addOrder: (shop, input) => {
      const order = addOrder(state, state.shop(shop), input, now());
      return { id: gid('Order', order.id), webhookPayload: orderWebhookPayload(order) };
    },
    subscription: (shop, id) => {
      const found = findSubscription(state.shop(shop), id);
      return found ? subscriptionView(found) : null;
    },
    subscriptionWebhookPayload: (shop, id) => {
      const found = findSubscription(state.shop(shop), id);
      if (!found) throw new Error(`No subscription ${id} on ${shop}`);
      return appSubscriptionWebhookPayload(state.shop(shop), found);
    },
    products: (shop) => state.shop(shop).products.map((product) => productView(state.shop(shop), product)),
    addProduct: (shop, seed = {}) => ({
      id: gid('Product', seedProduct(state, state.shop(shop), seed, now()).id),
    }),
    deleteProduct: (shop, productGid) => deleteProduct(state.shop(shop), productGid),
    sessionToken: (shop, tokenOptions = {}) =>
      createSessionToken({
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        shop,
        ...tokenOptions,
        now: now(),
      }),
    close: () => closeServer(server),
  };
}
