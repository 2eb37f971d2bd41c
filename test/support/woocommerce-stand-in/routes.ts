import type { WooError } from './authenticate';
import { orderRules, parseListParams, productRules } from './list-params';
import type { ListParams, ListRules } from './list-params';
import type { StandInOrder, StandInProduct, StandInState } from './state';
import { handleWebhooks } from './webhook-resource';

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const REST_PREFIX = '/wp-json/wc/v3/';

export function errorResponse(error: WooError, headers: Record<string, string> = {}): RestResponse {
  return {
    status: error.status,
    headers,
    body: { code: error.code, message: error.message, data: { status: error.status, ...error.data } },
  };
}

type Resource = StandInProduct | StandInOrder;

interface Collection {
  rules: ListRules;
  items: () => Iterable<Resource>;
  invalidIdCode: string;
  /** What `status=any` excludes (WP_Query's 'any' leaves trash and auto-drafts out). */
  hiddenFromAny: readonly string[];
}

function collections(state: StandInState): Record<string, Collection> {
  return {
    products: {
      rules: productRules,
      items: () => state.products.values(),
      invalidIdCode: 'woocommerce_rest_product_invalid_id',
      hiddenFromAny: ['trash'],
    },
    orders: {
      rules: orderRules,
      items: () => state.orders.values(),
      invalidIdCode: 'woocommerce_rest_shop_order_invalid_id',
      hiddenFromAny: ['trash', 'checkout-draft'],
    },
  };
}

/**
 * Serves GET /wp-json/wc/v3/{products,orders}[/<id>] and the webhooks
 * resource (list, create, read, update) for an authenticated request.
 */
export function handleRest(
  method: string,
  url: URL,
  state: StandInState,
  homeUrl: string,
  body: unknown = undefined,
): RestResponse {
  const route = url.pathname.startsWith(REST_PREFIX)
    ? url.pathname.slice(REST_PREFIX.length).replace(/\/+$/, '')
    : null;
  const webhook = route === null ? null : /^webhooks(?:\/(\d+))?$/.exec(route);
  if (webhook)
    return handleWebhooks(method, webhook[1] === undefined ? null : Number(webhook[1]), url, body, state);
  const match = route === null ? null : /^(products|orders)(?:\/(\d+))?$/.exec(route);
  const collection = match ? collections(state)[match[1] as string] : undefined;
  if (!match || !collection || method !== 'GET') {
    return errorResponse({
      status: 404,
      code: 'rest_no_route',
      message: 'No route was found matching the URL and request method.',
    });
  }
  if (match[2] !== undefined) {
    const found = [...collection.items()].find((item) => item.id === Number(match[2]));
    if (!found) return errorResponse({ status: 404, code: collection.invalidIdCode, message: 'Invalid ID.' });
    return { status: 200, headers: {}, body: found };
  }
  const params = parseListParams(url.searchParams, collection.rules);
  if (!params.ok) return errorResponse(params.error);
  return listResponse(collection, params.value, url, homeUrl);
}

function listResponse(collection: Collection, params: ListParams, url: URL, homeUrl: string): RestResponse {
  const matching = [...collection.items()]
    .filter((item) => matches(item, params, collection.hiddenFromAny))
    .sort(comparator(params));
  const total = matching.length;
  const totalPages = Math.ceil(total / params.perPage);
  const start = (params.page - 1) * params.perPage;
  const headers: Record<string, string> = {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
  };
  const links = pageLinks(url, homeUrl, params.page, totalPages);
  if (links) headers.Link = links;
  return { status: 200, headers, body: matching.slice(start, start + params.perPage) };
}

function matches(item: Resource, params: ListParams, hiddenFromAny: readonly string[]): boolean {
  const statusOk = params.statuses.includes('any')
    ? !hiddenFromAny.includes(item.status)
    : params.statuses.includes(item.status);
  if (!statusOk) return false;
  if (params.after && new Date(`${item.date_created_gmt}Z`) <= params.after) return false;
  if (params.modifiedAfter && new Date(`${item.date_modified_gmt}Z`) <= params.modifiedAfter) return false;
  return true;
}

function comparator(params: ListParams): (a: Resource, b: Resource) => number {
  const direction = params.order === 'asc' ? 1 : -1;
  const keyOf = (item: Resource): string | number => {
    if (params.orderby === 'id') return item.id;
    if (params.orderby === 'modified') return item.date_modified_gmt;
    if (params.orderby === 'title') return 'name' in item ? item.name : item.number;
    return item.date_created_gmt;
  };
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    // Ties broken by id, as WP_Query does with its secondary ordering.
    const primary = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return primary * direction;
  };
}

/** WC_REST_CRUD_Controller::get_items(): `Link: <…page=N>; rel="prev", <…>; rel="next"`. */
function pageLinks(url: URL, homeUrl: string, page: number, totalPages: number): string | null {
  const base = new URL(url.pathname, homeUrl);
  for (const [name, value] of url.searchParams) {
    // Unlike WooCommerce, credentials are not echoed back into the links.
    if (!name.startsWith('oauth_') && !name.startsWith('consumer_')) base.searchParams.set(name, value);
  }
  const link = (target: number, rel: string) => {
    const copy = new URL(base);
    copy.searchParams.set('page', String(target));
    return `<${copy.toString()}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(link(Math.min(page - 1, Math.max(totalPages, 1)), 'prev'));
  if (totalPages > page) parts.push(link(page + 1, 'next'));
  return parts.length > 0 ? parts.join(', ') : null;
}
