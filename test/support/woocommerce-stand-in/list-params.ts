import type { WooError } from './authenticate';

export interface ListParams {
  page: number;
  perPage: number;
  statuses: string[];
  orderby: string;
  order: 'asc' | 'desc';
  after: Date | null;
  modifiedAfter: Date | null;
}

export interface ListRules {
  statuses: readonly string[];
  /** Orders take a list of statuses; products one. */
  multipleStatuses: boolean;
  orderby: readonly string[];
}

export const productRules: ListRules = {
  statuses: ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'],
  multipleStatuses: false,
  orderby: [
    'date',
    'id',
    'include',
    'title',
    'slug',
    'modified',
    'price',
    'popularity',
    'rating',
    'menu_order',
  ],
};

export const orderRules: ListRules = {
  statuses: [
    'any',
    'trash',
    'pending',
    'processing',
    'on-hold',
    'completed',
    'cancelled',
    'refunded',
    'failed',
    'checkout-draft',
  ],
  multipleStatuses: true,
  orderby: ['date', 'id', 'include', 'title', 'slug', 'modified'],
};

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number | null,
  problems: Record<string, string>,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    problems[name] = `${name} is not of type integer.`;
    return fallback;
  }
  const value = Number(raw);
  if (value < min || (max !== null && value > max)) {
    problems[name] =
      max === null
        ? `${name} must be greater than or equal to ${min}`
        : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`;
  }
  return value;
}

function dateParam(query: URLSearchParams, name: string, problems: Record<string, string>): Date | null {
  const raw = query.get(name);
  if (raw === null) return null;
  // rest_parse_date(): ISO 8601 / RFC 3339; without a zone it is read as GMT when dates_are_gmt, else in the site zone (UTC here).
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
  if (Number.isNaN(date.getTime())) {
    problems[name] = 'Invalid date.';
    return null;
  }
  return date;
}

/** Parses and validates a collection query the way WP_REST_Request validates `get_collection_params()`. */
export function parseListParams(
  query: URLSearchParams,
  rules: ListRules,
): { ok: true; value: ListParams } | { ok: false; error: WooError } {
  const problems: Record<string, string> = {};
  const page = integerParam(query, 'page', 1, 1, null, problems);
  const perPage = integerParam(query, 'per_page', 10, 1, 100, problems);
  const rawStatus = query.get('status') ?? 'any';
  const statuses = rules.multipleStatuses
    ? rawStatus
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [rawStatus];
  const badStatus = statuses.find((status) => !rules.statuses.includes(status));
  if (badStatus !== undefined) problems.status = `status is not one of ${rules.statuses.join(', ')}.`;
  const orderby = query.get('orderby') ?? 'date';
  if (!rules.orderby.includes(orderby))
    problems.orderby = `orderby is not one of ${rules.orderby.join(', ')}.`;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') problems.order = 'order is not one of asc, desc.';
  const after = dateParam(query, 'after', problems);
  const modifiedAfter = dateParam(query, 'modified_after', problems);

  const names = Object.keys(problems);
  if (names.length > 0) {
    return {
      ok: false,
      error: {
        status: 400,
        code: 'rest_invalid_param',
        message: `Invalid parameter(s): ${names.join(', ')}`,
        data: { params: problems },
      },
    };
  }
  return {
    ok: true,
    value: { page, perPage, statuses, orderby, order: order as 'asc' | 'desc', after, modifiedAfter },
  };
}
