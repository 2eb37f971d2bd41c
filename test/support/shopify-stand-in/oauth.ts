import { createHmac, randomBytes } from 'node:crypto';

import { verifySessionToken } from './session-token';
import type { StandInState } from './state';

export interface OAuthApp {
  apiKey: string;
  apiSecret: string;
  /** When set, `redirect_uri` must start with one of these, as Shopify checks the app's allowed URLs. */
  redirectUrls?: readonly string[];
}

export type HttpAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

const GRANT_TTL_MS = 60_000;
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** The query signature of an OAuth redirect: hex HMAC-SHA256 of the sorted, encoded parameters without `hmac`. */
export function signQuery(params: Record<string, string>, secret: string): string {
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
  return createHmac('sha256', secret).update(sorted.toString()).digest('hex');
}

/**
 * `GET /admin/oauth/authorize`: the merchant approves at once; the answer is
 * Shopify's redirect to the app with code, hmac, host, shop, state, timestamp.
 */
export function authorize(
  state: StandInState,
  app: OAuthApp,
  shop: string,
  query: URLSearchParams,
  now: Date,
): HttpAnswer {
  const redirectUri = query.get('redirect_uri') ?? '';
  if (query.get('client_id') !== app.apiKey)
    return { status: 400, body: { error: 'invalid_request', error_description: 'Unknown client_id' } };
  if (
    !URL.canParse(redirectUri) ||
    (app.redirectUrls && !app.redirectUrls.some((allowed) => redirectUri.startsWith(allowed)))
  ) {
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The redirect_uri is not whitelisted' },
    };
  }
  const code = randomBytes(16).toString('hex');
  state.grants.set(code, {
    shop,
    scope: query.get('scope') ?? '',
    expiresAt: now.getTime() + GRANT_TTL_MS,
    used: false,
  });
  const params: Record<string, string> = {
    code,
    host: Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, '')}`).toString('base64'),
    shop,
    state: query.get('state') ?? '',
    timestamp: String(Math.floor(now.getTime() / 1000)),
  };
  const location = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) location.searchParams.set(key, value);
  location.searchParams.set('hmac', signQuery(params, app.apiSecret));
  return { status: 302, headers: { location: location.toString() } };
}

function refuse(description: string): HttpAnswer {
  return { status: 400, body: { error: 'invalid_request', error_description: description } };
}

/** `POST /admin/oauth/access_token`: authorization-code grant or token exchange; offline tokens. */
export function accessToken(
  state: StandInState,
  app: OAuthApp,
  shop: string,
  body: Record<string, unknown>,
  now: Date,
): HttpAnswer {
  if (body.client_id !== app.apiKey || body.client_secret !== app.apiSecret) {
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client credentials are invalid' },
    };
  }
  let scope: string;
  if (body.grant_type === TOKEN_EXCHANGE) {
    const tokenShop = verifySessionToken(String(body.subject_token ?? ''), app.apiKey, app.apiSecret, now);
    if (tokenShop !== shop) return refuse('The subject token is invalid');
    scope = state.shop(shop).installedScopes || 'read_products,write_products,read_orders';
  } else {
    const grant = state.grants.get(String(body.code ?? ''));
    if (!grant || grant.used || grant.shop !== shop || grant.expiresAt < now.getTime()) {
      return refuse('The authorization code was not found or was already used');
    }
    grant.used = true;
    scope = grant.scope;
  }
  const token = state.issueToken(shop, scope);
  const expiring = body.expiring === '1' || body.expiring === 1;
  return {
    status: 200,
    body: expiring
      ? {
          access_token: token,
          scope,
          expires_in: 3600,
          refresh_token: `shprt_${randomBytes(16).toString('hex')}`,
          refresh_token_expires_in: 7776000,
        }
      : { access_token: token, scope },
  };
}
