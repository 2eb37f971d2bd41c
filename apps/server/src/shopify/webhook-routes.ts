import { Router } from 'express';
import type { RequestHandler } from 'express';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';
import { ComplianceTopics, ShopifyTopics } from '@dropship/shopify';
import type { DirectRoute } from '../http/direct-routes';
import type { ServerDeps } from '../server-deps';
import { appSubscriptionsUpdate } from './app-subscriptions-update';
import { appUninstalled } from './app-uninstalled';
import { compliance } from './compliance';
import { ordersCreate } from './orders-create';
import { productsDelete } from './products-delete';
import { verifyWebhook } from './verify-webhook-middleware';

/** One webhook route: the URI of shopify.app.toml, the topics it takes, its handler. */
export interface ShopifyWebhookRoute {
  path: string;
  topics: readonly string[];
  handler: (deps: ServerDeps) => RequestHandler;
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

/** Counts the delivery once its answer is known; labels come from the route, never the request. */
function countOutcome(route: ShopifyWebhookRoute): RequestHandler {
  return (_req, res, next) => {
    res.on('finish', () => {
      const topic = route.topics.length === 1 ? (route.topics[0] ?? route.path) : route.path;
      if (res.statusCode < 300) {
        // Handlers set res.locals.webhookDuplicate when the delivery id was seen before.
        const duplicate = res.locals.webhookDuplicate === true;
        recordWebhookOutcome({
          channel: 'shopify',
          topic,
          outcome: duplicate ? WebhookOutcomes.duplicate : WebhookOutcomes.accepted,
        });
        return;
      }
      const reason = res.statusCode >= 500 ? 'unavailable' : (rejectionByStatus[res.statusCode] ?? 'invalid');
      recordWebhookOutcome({ channel: 'shopify', topic, outcome: WebhookOutcomes.rejected, reason });
    });
    next();
  };
}

// One set per app: the direct routes and the router share the handlers (and
// the batches some of them hold) rather than building them twice.
const handlersByDeps = new WeakMap<ServerDeps, Map<ShopifyWebhookRoute, RequestHandler[]>>();

/** A webhook's handlers in order: count the outcome, verify (raw bytes, HMAC), handle. */
function webhookHandlers(deps: ServerDeps, route: ShopifyWebhookRoute): RequestHandler[] {
  let built = handlersByDeps.get(deps);
  if (!built) {
    built = new Map();
    handlersByDeps.set(deps, built);
  }
  let handlers = built.get(route);
  if (!handlers) {
    handlers = [
      countOutcome(route),
      verifyWebhook(deps.config.shopify.apiSecret, route.topics),
      route.handler(deps),
    ];
    built.set(route, handlers);
  }
  return handlers;
}

/** Every Shopify webhook for the app's direct routes (http/direct-routes.ts). */
export function shopifyWebhookDirectRoutes(deps: ServerDeps): DirectRoute[] {
  return shopifyWebhookRoutes.map((route) => ({
    method: 'POST',
    path: route.path,
    handlers: webhookHandlers(deps, route),
  }));
}

/** POST routes for every Shopify webhook, for requests the direct routes leave to the routers. */
export function shopifyWebhookRouter(deps: ServerDeps): Router {
  const router = Router();
  for (const route of shopifyWebhookRoutes) router.post(route.path, ...webhookHandlers(deps, route));
  return router;
}
