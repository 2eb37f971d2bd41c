import { Router } from 'express';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';
import { ComplianceTopics, ShopifyTopics } from '@dropship/shopify';
import { expressEndpoint } from '../http/lane';
import type { Endpoint, LaneRoute } from '../http/lane';
import { toHttpFailure } from '../http/error-handler';
import type { ServerDeps } from '../server-deps';
import { appSubscriptionsUpdate } from './app-subscriptions-update';
import { appUninstalled } from './app-uninstalled';
import { compliance } from './compliance';
import { ordersCreate } from './orders-create';
import { productsDelete } from './products-delete';
import { verifyDelivery } from './verify-delivery';
import type { WebhookDelivery } from './verify-delivery';

/** A handled delivery: always 200 with this body; `duplicate` when its webhook id was seen before. */
export interface WebhookAnswer {
  body: unknown;
  duplicate?: boolean;
}

/** Handles one verified delivery; throwing answers as the error handler does (a ServerError's status). */
export type WebhookHandler = (delivery: WebhookDelivery) => Promise<WebhookAnswer>;

/** One webhook route: the URI of shopify.app.toml, the topics it takes, its handler. */
export interface ShopifyWebhookRoute {
  path: string;
  topics: readonly string[];
  handler: (deps: ServerDeps) => WebhookHandler;
}

/** Every webhook the app handles; a test checks it against shopify.app.toml both ways. */
export const shopifyWebhookRoutes: readonly ShopifyWebhookRoute[] = [
  { path: '/webhooks/app/uninstalled', topics: [ShopifyTopics.appUninstalled], handler: appUninstalled },
  {
    path: '/webhooks/app_subscriptions/update',
    topics: [ShopifyTopics.appSubscriptionsUpdate],
    handler: appSubscriptionsUpdate,
  },
  { path: '/webhooks/products/delete', topics: [ShopifyTopics.productsDelete], handler: productsDelete },
  { path: '/webhooks/orders/create', topics: [ShopifyTopics.ordersCreate], handler: ordersCreate },
  { path: '/webhooks/compliance', topics: ComplianceTopics, handler: compliance },
];

const rejectionByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'bad_signature',
  413: 'body_too_large',
};

/**
 * A webhook endpoint: verify (raw bytes, HMAC, topic), handle, and count the
 * outcome once its answer is known; labels come from the route, never the request.
 */
function webhookEndpoint(deps: ServerDeps, route: ShopifyWebhookRoute): Endpoint {
  const handle = route.handler(deps);
  const topic = route.topics.length === 1 ? (route.topics[0] ?? route.path) : route.path;
  return async (request) => {
    try {
      const answer = await handle(verifyDelivery(deps.config.shopify.apiSecret, route.topics, request));
      const outcome = answer.duplicate === true ? WebhookOutcomes.duplicate : WebhookOutcomes.accepted;
      recordWebhookOutcome({ channel: 'shopify', topic, outcome });
      return { status: 200, body: answer.body };
    } catch (error) {
      const { status } = toHttpFailure(error);
      const reason = status >= 500 ? 'unavailable' : (rejectionByStatus[status] ?? 'invalid');
      recordWebhookOutcome({ channel: 'shopify', topic, outcome: WebhookOutcomes.rejected, reason });
      throw error;
    }
  };
}

// One set per app: the lane and the router share the endpoints (and the
// batches some of them hold) rather than building them twice.
const endpointsByDeps = new WeakMap<ServerDeps, LaneRoute[]>();

/** Every Shopify webhook as a lane route (http/lane.ts). */
export function shopifyWebhookLaneRoutes(deps: ServerDeps): LaneRoute[] {
  let routes = endpointsByDeps.get(deps);
  if (!routes) {
    routes = shopifyWebhookRoutes.map((route) => ({
      method: 'POST',
      path: route.path,
      endpoint: webhookEndpoint(deps, route),
    }));
    endpointsByDeps.set(deps, routes);
  }
  return routes;
}

/** POST routes for every Shopify webhook, for requests the lane leaves to the routers. */
export function shopifyWebhookRouter(deps: ServerDeps): Router {
  const router = Router();
  for (const route of shopifyWebhookLaneRoutes(deps)) {
    router.post(route.path, expressEndpoint(route.path, route.endpoint));
  }
  return router;
}
