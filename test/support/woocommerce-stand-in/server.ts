import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { authenticate, checkPermissions } from './authenticate';
import { buildOrder, buildProduct } from './fixtures';
import type { OrderInput, ProductInput } from './fixtures';
import { errorResponse, handleRest } from './routes';
import type { RestResponse } from './routes';
import { StandInState } from './state';
import type { KeyPermissions, StandInOrder, StandInProduct, StandInWebhook } from './state';
import { deliverWooWebhook } from './webhooks';
import type { WebhookSendResult } from './webhooks';
import { standInTls } from './tls';

export interface WooStandInOptions {
  /** Serve https with the stand-in's self-signed certificate (Basic / query-string auth), else http (OAuth 1.0a). */
  tls?: boolean;
  /** Delay before answering each request, to observe concurrency. */
  latencyMs?: number;
  /** The stand-in's clock (OAuth timestamp window). */
  now?: () => Date;
}

export interface StandInRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: 'basic' | 'query_string' | 'oauth1' | 'anonymous' | 'error' | 'not_checked';
  authorizationHeader: boolean;
  status: number;
}

export interface WooStandIn {
  /** The WordPress home URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `127.0.0.1:41234`: what the platform stores as the store's domain. */
  readonly domain: string;
  readonly isHttps: boolean;
  /** Certificate to trust (https only). */
  readonly ca: string;
  createKey(permissions?: KeyPermissions): { keyId: number; consumerKey: string; consumerSecret: string };
  /** Deletes one key, or every key (as deleting the key's WordPress user does). */
  revokeKeys(consumerKey?: string): void;
  addProduct(input?: ProductInput): StandInProduct;
  addProducts(count: number, input?: ProductInput): StandInProduct[];
  /** Moves a product to the trash (`status: trash`, still readable by id). */
  trashProduct(id: number): void;
  /** Deletes a product for good (404 afterwards). */
  deleteProduct(id: number): void;
  addOrder(input?: OrderInput): StandInOrder;
  addOrders(count: number, input?: OrderInput): StandInOrder[];
  /** The webhooks as the site keeps them, secrets included. */
  webhooks(): StandInWebhook[];
  /**
   * What WooCommerce does when a resource event fires: one signed delivery to
   * each active webhook of that topic (WC_Webhook::deliver()).
   */
  fireWebhooks(topic: string, payload: unknown): Promise<WebhookSendResult[]>;
  readonly simulate: {
    /** The host drops the Authorization header (woocommerce#12230). */
    stripAuthorizationHeader(on?: boolean): void;
    /** The next `times` requests get 429 with `Retry-After: seconds`. */
    rateLimit(times: number, retryAfterSeconds: number): void;
    /** The next `times` requests get `status` (503 by default) from the host. */
    unavailable(times: number, status?: number): void;
  };
  readonly requests: readonly StandInRequestRecord[];
  /** Most requests ever in flight at once since the last reset. */
  maxInFlight(): number;
  resetStats(): void;
  close(): Promise<void>;
}

/** Starts a WooCommerce REST API stand-in on 127.0.0.1 with an ephemeral port. */
export async function startWooStandIn(options: WooStandInOptions = {}): Promise<WooStandIn> {
  const state = new StandInState();
  const isHttps = options.tls === true;
  const now = options.now ?? (() => new Date());
  const switches = { strip: false, rateLimited: 0, retryAfter: 1, unavailable: 0, unavailableStatus: 503 };
  const requests: StandInRequestRecord[] = [];
  let inFlight = 0;
  let peak = 0;
  let homeUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++;
    peak = Math.max(peak, inFlight);
    const url = new URL(req.url ?? '/', homeUrl);
    const record: StandInRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      auth: 'not_checked',
      authorizationHeader: req.headers.authorization !== undefined,
      status: 0,
    };
    requests.push(record);
    try {
      const body = await readJsonBody(req);
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const response =
        body.ok === false
          ? errorResponse({ status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' })
          : answer(req, url, record, body.value);
      record.status = response.status;
      send(res, response);
    } finally {
      inFlight--;
    }
  }

  function answer(req: IncomingMessage, url: URL, record: StandInRequestRecord, body: unknown): RestResponse {
    if (switches.unavailable > 0) {
      switches.unavailable--;
      return {
        status: switches.unavailableStatus,
        headers: { 'Content-Type': 'text/html' },
        body: '<h1>Service Unavailable</h1>',
      };
    }
    if (switches.rateLimited > 0) {
      switches.rateLimited--;
      return errorResponse(
        { status: 429, code: 'too_many_requests', message: 'Too many requests.' },
        { 'Retry-After': String(switches.retryAfter) },
      );
    }
    const outcome = authenticate(req, url.searchParams, {
      state,
      isHttps,
      homeUrl,
      stripAuthorization: switches.strip,
      now: now(),
    });
    if (outcome.kind === 'error') {
      record.auth = 'error';
      return errorResponse(outcome.error);
    }
    if (outcome.kind === 'anonymous') {
      record.auth = 'anonymous';
      const single = /\/\d+\/?$/.test(url.pathname);
      const message = single ? 'Sorry, you cannot view this resource.' : 'Sorry, you cannot list resources.';
      return errorResponse({ status: 401, code: 'woocommerce_rest_cannot_view', message });
    }
    record.auth = outcome.method;
    const denied = checkPermissions(outcome.key, req.method ?? 'GET');
    if (denied) return errorResponse(denied);
    return handleRest(req.method ?? 'GET', url, state, homeUrl, body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, errorResponse({ status: 500, code: 'internal_server_error', message: String(error) }));
    });
  };
  const server: Server = isHttps
    ? createHttpsServer({ key: standInTls.key, cert: standInTls.cert }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  homeUrl = `${isHttps ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: homeUrl,
    domain: `127.0.0.1:${port}`,
    isHttps,
    ca: standInTls.cert,
    createKey: (permissions) => state.createKey(permissions),
    revokeKeys: (consumerKey) => state.revokeKeys(consumerKey),
    addProduct: (input) => store(state.products, buildProduct(state, homeUrl, input)),
    addProducts: (count, input) =>
      Array.from({ length: count }, () => store(state.products, buildProduct(state, homeUrl, input))),
    trashProduct: (id) => {
      const product = state.products.get(id);
      if (product) product.status = 'trash';
    },
    deleteProduct: (id) => void state.products.delete(id),
    addOrder: (input) => store(state.orders, buildOrder(state, input)),
    addOrders: (count, input) =>
      Array.from({ length: count }, () => store(state.orders, buildOrder(state, input))),
    webhooks: () => [...state.webhooks.values()],
    fireWebhooks: (topic, payload) =>
      Promise.all(
        [...state.webhooks.values()]
          .filter((webhook) => webhook.status === 'active' && webhook.topic === topic)
          .map((webhook) =>
            deliverWooWebhook({
              deliveryUrl: webhook.delivery_url,
              secret: webhook.secret,
              topic,
              payload,
              webhookId: webhook.id,
              siteUrl: homeUrl,
            }),
          ),
      ),
    simulate: {
      stripAuthorizationHeader: (on = true) => void (switches.strip = on),
      rateLimit: (times, retryAfterSeconds) =>
        Object.assign(switches, { rateLimited: times, retryAfter: retryAfterSeconds }),
      unavailable: (times, status = 503) =>
        Object.assign(switches, { unavailable: times, unavailableStatus: status }),
    },
    requests,
    maxInFlight: () => peak,
    resetStats: () => {
      requests.length = 0;
      peak = inFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The request's JSON body (WP_REST_Request::get_json_params()); none for an empty or non-JSON body. */
async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '' || !/json/.test(req.headers['content-type'] ?? ''))
    return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function store<T extends { id: number }>(map: Map<number, T>, item: T): T {
  map.set(item.id, item);
  return item;
}

function send(res: ServerResponse, response: RestResponse): void {
  const isJson = typeof response.body !== 'string';
  const body = isJson ? JSON.stringify(response.body) : (response.body as string);
  res.writeHead(response.status, {
    'Content-Type': isJson ? 'application/json; charset=UTF-8' : 'text/html',
    'X-Robots-Tag': 'noindex',
    ...response.headers,
  });
  res.end(body);
}
