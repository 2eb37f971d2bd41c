import WooCommerceRestApi from '@woocommerce/woocommerce-rest-api';
import type { Agent } from 'node:https';
import { z } from 'zod';
import { ErrorKinds } from '@dropship/core';
import { WooConnectorError, invalidOptions } from '../errors';
import { describeIssues } from '../shared/zod-issues';
import { requestWithRetry } from './request-with-retry';
import type { RawWooResponse } from './request-with-retry';
import { wooOrderSchema, wooProductSchema, wooWebhookSchema } from './resources';
import type {
  WooOrder,
  WooOrderStatus,
  WooPage,
  WooProduct,
  WooProductStatus,
  WooWebhook,
  WooWebhookInput,
} from './resources';
import { iteratePages, readPage } from './paginate';

const clientOptionsSchema = z.object({
  /** The WordPress site URL (home URL), e.g. `https://shop.example.com`. */
  url: z.url({ protocol: /^https?$/ }),
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  /** Start with `consumer_key`/`consumer_secret` in the query string (https only); learnt automatically otherwise. */
  queryStringAuth: z.boolean().default(false),
  timeoutMs: z.number().int().positive().default(15_000),
  /** Retries after the first attempt for 429, 5xx and network errors. */
  retries: z.number().int().min(0).max(10).default(3),
  retryBaseDelayMs: z.number().int().min(0).default(500),
  /** Longest wait between attempts; a longer Retry-After gives up with UNAVAILABLE and `retryAfterMs`. */
  maxRetryDelayMs: z.number().int().min(0).default(30_000),
  /** Agent for https (custom CA, keep-alive). */
  httpsAgent: z.custom<Agent>((value) => value === undefined || typeof value === 'object').optional(),
  /** Told when the client switched to query-string credentials for good, so the caller can store it. */
  onQueryStringAuth: z
    .custom<() => void>((value) => value === undefined || typeof value === 'function')
    .optional(),
});
export type WooClientOptions = z.input<typeof clientOptionsSchema>;

export interface ListProductsParams {
  status?: WooProductStatus;
  page?: number;
  perPage?: number;
}

export interface ListOrdersParams {
  status?: WooOrderStatus | readonly WooOrderStatus[];
  /** Orders modified strictly after this time (`modified_after`, GMT). */
  modifiedAfter?: Date;
  /** Orders created strictly after this time (`after`, GMT). */
  createdAfter?: Date;
  /** Sort key, ascending; `id` (default) keeps pagination stable while orders arrive. */
  orderBy?: 'id' | 'date';
  page?: number;
  perPage?: number;
}

/** A typed, retrying client over the store's `/wp-json/wc/v3` API. */
export interface WooClient {
  readonly siteUrl: string;
  /** True once the client uses query-string credentials (configured, or learnt from a stripped header). */
  usesQueryStringAuth(): boolean;
  listProducts(params?: ListProductsParams): Promise<WooPage<WooProduct>>;
  iterateProducts(params?: Omit<ListProductsParams, 'page'>): AsyncGenerator<WooProduct>;
  /** The product, or null when the store answers 404 (deleted for good). */
  getProduct(id: number | string): Promise<WooProduct | null>;
  listOrders(params?: ListOrdersParams): Promise<WooPage<WooOrder>>;
  iterateOrders(params?: Omit<ListOrdersParams, 'page'>): AsyncGenerator<WooOrder>;
  /** Every webhook of the site, whatever its status. */
  iterateWebhooks(): AsyncGenerator<WooWebhook>;
  /** Creates a webhook. Not retried: a create whose answer was lost may have happened, so list again first. */
  createWebhook(input: WooWebhookInput): Promise<WooWebhook>;
  updateWebhook(id: number, input: WooWebhookInput): Promise<WooWebhook>;
}

export const WOO_MAX_PER_PAGE = 100;

/** Builds a WooClient from validated options; throws INVALID_INPUT listing every bad option. */
export function createWooClient(options: WooClientOptions): WooClient {
  const parsed = clientOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions('WooCommerce client options', describeIssues(parsed.error));
  const config = parsed.data;
  const isHttps = config.url.startsWith('https:');
  let queryStringAuth = config.queryStringAuth && isHttps;
  const apis = new Map<boolean, WooCommerceRestApi>();

  function api(useQueryString: boolean): WooCommerceRestApi {
    let instance = apis.get(useQueryString);
    if (!instance) {
      instance = new WooCommerceRestApi({
        url: config.url,
        consumerKey: config.consumerKey,
        consumerSecret: config.consumerSecret,
        version: 'wc/v3',
        queryStringAuth: useQueryString,
        timeout: config.timeoutMs,
        axiosConfig: config.httpsAgent ? { httpsAgent: config.httpsAgent } : {},
      });
      apis.set(useQueryString, instance);
    }
    return instance;
  }

  type Call = (client: WooCommerceRestApi) => Promise<unknown>;

  function request(endpoint: string, call: Call, retries = config.retries): Promise<RawWooResponse> {
    return requestWithRetry({
      siteUrl: config.url,
      endpoint,
      isHttps,
      policy: { retries, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.maxRetryDelayMs },
      queryStringAuth: () => queryStringAuth,
      call: async (useQueryString) => {
        const response = (await call(api(useQueryString))) as RawWooResponse;
        return { data: response.data, headers: { ...response.headers } };
      },
      onQueryStringAuthWorked: () => {
        queryStringAuth = true;
        config.onQueryStringAuth?.();
      },
    });
  }

  const get = (endpoint: string, params: Record<string, string | number>) =>
    request(endpoint, (client) => client.get(endpoint, params));

  async function listProducts(params: ListProductsParams = {}): Promise<WooPage<WooProduct>> {
    const page = params.page ?? 1;
    const query = {
      ...pageQuery(page, params.perPage),
      status: params.status ?? 'any',
      orderby: 'id',
      order: 'asc',
    };
    return readPage(await get('products', query), page, wooProductSchema, describeSite('products'));
  }

  async function listOrders(params: ListOrdersParams = {}): Promise<WooPage<WooOrder>> {
    const page = params.page ?? 1;
    const query: Record<string, string | number> = {
      ...pageQuery(page, params.perPage),
      orderby: params.orderBy ?? 'id',
      order: 'asc',
    };
    query.status = typeof params.status === 'string' ? params.status : (params.status ?? ['any']).join(',');
    if (params.modifiedAfter) query.modified_after = toWooGmt(params.modifiedAfter);
    if (params.createdAfter) query.after = toWooGmt(params.createdAfter);
    if (params.modifiedAfter || params.createdAfter) query.dates_are_gmt = 'true';
    return readPage(await get('orders', query), page, wooOrderSchema, describeSite('orders'));
  }

  async function getProduct(id: number | string): Promise<WooProduct | null> {
    const endpoint = `products/${encodeURIComponent(String(id))}`;
    try {
      return readOne(endpoint, await get(endpoint, {}), wooProductSchema);
    } catch (error) {
      if (error instanceof WooConnectorError && error.kind === ErrorKinds.notFound) return null;
      throw error;
    }
  }

  async function listWebhooks(page: number): Promise<WooPage<WooWebhook>> {
    const query = { ...pageQuery(page, WOO_MAX_PER_PAGE), status: 'all' };
    return readPage(await get('webhooks', query), page, wooWebhookSchema, describeSite('webhooks'));
  }

  /** One resource of an answer, checked against its schema. */
  function readOne<T>(endpoint: string, response: RawWooResponse, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) throw unexpectedShape(endpoint, describeIssues(parsed.error));
    return parsed.data;
  }

  async function createWebhook(input: WooWebhookInput): Promise<WooWebhook> {
    const response = await request('webhooks', (client) => client.post('webhooks', input), 0);
    return readOne('webhooks', response, wooWebhookSchema);
  }

  async function updateWebhook(id: number, input: WooWebhookInput): Promise<WooWebhook> {
    const endpoint = `webhooks/${id}`;
    return readOne(
      endpoint,
      await request(endpoint, (client) => client.put(endpoint, input)),
      wooWebhookSchema,
    );
  }

  function describeSite(endpoint: string): string {
    return `WooCommerce at ${config.url} (${endpoint})`;
  }

  function unexpectedShape(endpoint: string, problems: string): WooConnectorError {
    return new WooConnectorError(
      ErrorKinds.unavailable,
      `${describeSite(endpoint)} answered an unexpected shape: ${problems}.`,
      { endpoint },
    );
  }

  return {
    siteUrl: config.url,
    usesQueryStringAuth: () => queryStringAuth,
    listProducts,
    iterateProducts: (params = {}) =>
      iteratePages((page) => listProducts({ ...params, page }), params.perPage ?? WOO_MAX_PER_PAGE),
    getProduct,
    listOrders,
    iterateOrders: (params = {}) =>
      iteratePages((page) => listOrders({ ...params, page }), params.perPage ?? WOO_MAX_PER_PAGE),
    iterateWebhooks: () => iteratePages(listWebhooks, WOO_MAX_PER_PAGE),
    createWebhook,
    updateWebhook,
  };
}

function pageQuery(page: number, perPage: number | undefined): { page: number; per_page: number } {
  const size = perPage ?? WOO_MAX_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > WOO_MAX_PER_PAGE) {
    throw new WooConnectorError(
      ErrorKinds.invalidInput,
      `page must be ≥ 1 and perPage between 1 and ${WOO_MAX_PER_PAGE} (got page ${page}, perPage ${size}).`,
    );
  }
  return { page, per_page: size };
}

/** ISO 8601 without milliseconds or zone, read as GMT thanks to `dates_are_gmt=true`. */
function toWooGmt(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}
