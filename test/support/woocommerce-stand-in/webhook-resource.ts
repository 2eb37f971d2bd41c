import type { WooError } from './authenticate';
import { errorResponse } from './routes';
import type { RestResponse } from './routes';
import { toWooGmt } from './state';
import type { StandInState, StandInWebhook } from './state';

const TOPICS = /^(coupon|customer|order|product)\.(created|updated|deleted|restored)$|^action\.[\w-]+$/;
const STATUSES = ['active', 'paused', 'disabled'] as const;

/** WC_Webhook::get_hooks(): the actions a core topic binds (enough of the table for the topics served). */
const HOOKS: Record<string, string[]> = {
  'order.created': ['woocommerce_new_order'],
  'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded'],
  'product.deleted': ['wp_trash_post'],
  'product.created': ['woocommerce_process_product_meta', 'woocommerce_new_product'],
};

function invalidParam(param: string, message: string): WooError {
  return {
    status: 400,
    code: 'rest_invalid_param',
    message: `Invalid parameter(s): ${param}`,
    data: { params: { [param]: message } },
  };
}

/**
 * WC_REST_Webhooks_Controller::prepare_item_for_response(): the secret is
 * write-only, never sent back.
 */
function view(webhook: StandInWebhook): Omit<StandInWebhook, 'secret'> {
  const { secret: _secret, ...rest } = webhook;
  return rest;
}

type Input = Record<string, unknown>;

/** Checks what WC's schema checks: a known status, a valid topic, an http(s) delivery URL. */
function checkInput(input: Input, creating: boolean): WooError | null {
  if (creating && typeof input.topic !== 'string') return invalidParam('topic', 'topic is required.');
  if (creating && typeof input.delivery_url !== 'string')
    return invalidParam('delivery_url', 'delivery_url is required.');
  if (input.topic !== undefined && (typeof input.topic !== 'string' || !TOPICS.test(input.topic))) {
    return {
      status: 400,
      code: 'woocommerce_rest_webhook_invalid_topic',
      message: 'Webhook topic is required and must be valid.',
    };
  }
  if (
    input.delivery_url !== undefined &&
    (typeof input.delivery_url !== 'string' || !/^https?:\/\//.test(input.delivery_url))
  )
    return invalidParam('delivery_url', 'delivery_url is not a valid URL.');
  if (input.status !== undefined && !(STATUSES as readonly unknown[]).includes(input.status))
    return invalidParam('status', `status is not one of ${STATUSES.join(', ')}.`);
  if (input.secret !== undefined && typeof input.secret !== 'string')
    return invalidParam('secret', 'secret is not of type string.');
  return null;
}

function apply(webhook: StandInWebhook, input: Input, now: Date): StandInWebhook {
  const topic = typeof input.topic === 'string' ? input.topic : webhook.topic;
  const [resource = '', event = ''] = topic.split('.');
  return {
    ...webhook,
    name: typeof input.name === 'string' ? input.name : webhook.name,
    status: (input.status as StandInWebhook['status'] | undefined) ?? webhook.status,
    topic,
    resource,
    event,
    hooks: HOOKS[topic] ?? [],
    delivery_url: typeof input.delivery_url === 'string' ? input.delivery_url : webhook.delivery_url,
    secret: typeof input.secret === 'string' ? input.secret : webhook.secret,
    date_modified: toWooGmt(now),
    date_modified_gmt: toWooGmt(now),
  };
}

/** GET, POST /webhooks and GET, PUT /webhooks/<id>, as WooCommerce's v3 controller serves them. */
export function handleWebhooks(
  method: string,
  id: number | null,
  url: URL,
  body: unknown,
  state: StandInState,
): RestResponse {
  const now = new Date();
  if (id === null && method === 'GET') return listWebhooks(url, state);
  if (id === null && method === 'POST') {
    const input = (body ?? {}) as Input;
    const problem = checkInput(input, true);
    if (problem) return errorResponse(problem);
    const blank: StandInWebhook = {
      id: state.allocateId(),
      name: '',
      status: 'active',
      topic: '',
      resource: '',
      event: '',
      hooks: [],
      delivery_url: '',
      // WooCommerce's default when none is given: wc_webhook_get_default_secret()-like, never empty.
      secret: `stand-in-${state.webhooks.size + 1}`,
      date_created: toWooGmt(now),
      date_created_gmt: toWooGmt(now),
      date_modified: toWooGmt(now),
      date_modified_gmt: toWooGmt(now),
    };
    const created = apply(blank, input, now);
    if (created.name === '') created.name = `Webhook created on ${toWooGmt(now)}`;
    state.webhooks.set(created.id, created);
    return { status: 201, headers: {}, body: view(created) };
  }
  const found = id === null ? undefined : state.webhooks.get(id);
  if (!found)
    return errorResponse({
      status: 404,
      code: 'woocommerce_rest_webhook_invalid_id',
      message: 'Invalid ID.',
    });
  if (method === 'GET') return { status: 200, headers: {}, body: view(found) };
  if (method === 'PUT' || method === 'PATCH' || method === 'POST') {
    const input = (body ?? {}) as Input;
    const problem = checkInput(input, false);
    if (problem) return errorResponse(problem);
    const updated = apply(found, input, now);
    state.webhooks.set(updated.id, updated);
    return { status: 200, headers: {}, body: view(updated) };
  }
  return errorResponse({
    status: 404,
    code: 'rest_no_route',
    message: 'No route was found matching the URL and request method.',
  });
}

function listWebhooks(url: URL, state: StandInState): RestResponse {
  const page = Number(url.searchParams.get('page') ?? '1');
  const perPage = Number(url.searchParams.get('per_page') ?? '10');
  if (!Number.isInteger(page) || page < 1)
    return errorResponse(invalidParam('page', 'page must be greater than or equal to 1'));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    return errorResponse(
      invalidParam('per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)'),
    );
  const status = url.searchParams.get('status') ?? 'all';
  const matching = [...state.webhooks.values()]
    .filter((webhook) => status === 'all' || webhook.status === status)
    // WC lists webhooks newest first (date, desc).
    .sort((a, b) => b.id - a.id);
  const totalPages = Math.ceil(matching.length / perPage);
  return {
    status: 200,
    headers: { 'X-WP-Total': String(matching.length), 'X-WP-TotalPages': String(totalPages) },
    body: matching.slice((page - 1) * perPage, page * perPage).map(view),
  };
}
