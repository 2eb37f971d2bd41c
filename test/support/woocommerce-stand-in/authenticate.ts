import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { checkOAuthSignature, parseOAuthHeader } from './oauth1';
import type { StandInKey, StandInState } from './state';

export interface WooError {
  status: number;
  code: string;
  message: string;
  data?: Record<string, unknown>;
}

export type AuthOutcome =
  | { kind: 'user'; key: StandInKey; method: 'basic' | 'query_string' | 'oauth1' }
  | { kind: 'anonymous' }
  | { kind: 'error'; error: WooError };

export interface AuthContext {
  state: StandInState;
  isHttps: boolean;
  /** `http://127.0.0.1:port`: what get_home_url() gives, used in the OAuth base string. */
  homeUrl: string;
  /** Simulates hosts (CGI/FastCGI setups) that drop the Authorization header before PHP sees it. */
  stripAuthorization: boolean;
  now: Date;
}

const OAUTH_WINDOW_SECONDS = 15 * 60;

function authError(message: string, code = 'woocommerce_rest_authentication_error'): AuthOutcome {
  return { kind: 'error', error: { status: 401, code, message } };
}

function sameSecret(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** WC_REST_Authentication::authenticate(): Basic / query string over SSL, else OAuth 1.0a one-legged. */
export function authenticate(req: IncomingMessage, query: URLSearchParams, ctx: AuthContext): AuthOutcome {
  const authorization = ctx.stripAuthorization ? undefined : req.headers.authorization;
  if (ctx.isHttps) {
    const basic = performBasic(query, authorization, ctx);
    if (basic.kind !== 'anonymous') return basic;
  }
  return performOAuth(req, query, authorization, ctx);
}

function performBasic(
  query: URLSearchParams,
  authorization: string | undefined,
  ctx: AuthContext,
): AuthOutcome {
  let key = query.get('consumer_key') ?? '';
  let secret = query.get('consumer_secret') ?? '';
  let method: 'basic' | 'query_string' = 'query_string';
  if (!key || !secret) {
    key = '';
    secret = '';
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        key = decoded.slice(0, colon);
        secret = decoded.slice(colon + 1);
        method = 'basic';
      }
    }
  }
  if (!key || !secret) return { kind: 'anonymous' };
  const found = ctx.state.findKey(key);
  // An unknown key is not an error here: WooCommerce just leaves the request anonymous.
  if (!found) return { kind: 'anonymous' };
  if (!sameSecret(found.consumerSecret, secret)) return authError('Consumer secret is invalid.');
  return { kind: 'user', key: found, method };
}

function performOAuth(
  req: IncomingMessage,
  query: URLSearchParams,
  authorization: string | undefined,
  ctx: AuthContext,
): AuthOutcome {
  const params: Record<string, string> = Object.fromEntries(query.entries());
  if (authorization) Object.assign(params, parseOAuthHeader(authorization.trim()));
  const required = [
    'oauth_consumer_key',
    'oauth_timestamp',
    'oauth_nonce',
    'oauth_signature',
    'oauth_signature_method',
  ];
  const missing = required.filter((name) => !params[name]);
  if (missing.length === required.length) return { kind: 'anonymous' };
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    return authError(
      `Missing OAuth ${noun} ${missing.join(', ')}`,
      'woocommerce_rest_authentication_missing_parameter',
    );
  }
  const key = ctx.state.findKey(params.oauth_consumer_key as string);
  if (!key) return authError('Consumer key is invalid.');

  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const signature = checkOAuthSignature({
    method: req.method ?? 'GET',
    baseUri: ctx.homeUrl + path,
    params,
    consumerSecret: key.consumerSecret,
  });
  if (signature === 'bad_method') return authError('Invalid signature - signature method is invalid.');
  if (signature === 'mismatch') return authError('Invalid signature - provided signature does not match.');

  return checkTimestampAndNonce(key, Number(params.oauth_timestamp), params.oauth_nonce as string, ctx.now);
}

function checkTimestampAndNonce(key: StandInKey, timestamp: number, nonce: string, now: Date): AuthOutcome {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!(timestamp >= nowSeconds - OAUTH_WINDOW_SECONDS && timestamp <= nowSeconds + OAUTH_WINDOW_SECONDS)) {
    return authError('Invalid timestamp.');
  }
  if (key.nonces.has(nonce)) return authError('Invalid nonce - nonce has already been used.');
  key.nonces.set(nonce, timestamp);
  for (const [seen, at] of key.nonces) {
    if (at < nowSeconds - OAUTH_WINDOW_SECONDS) key.nonces.delete(seen);
  }
  return { kind: 'user', key, method: 'oauth1' };
}

/** WC_REST_Authentication::check_permissions() for the methods the stand-in serves. */
export function checkPermissions(key: StandInKey, method: string): WooError | null {
  const readable = key.permissions === 'read' || key.permissions === 'read_write';
  const writable = key.permissions === 'write' || key.permissions === 'read_write';
  if ((method === 'GET' || method === 'HEAD') && !readable) {
    return {
      status: 401,
      code: 'woocommerce_rest_authentication_error',
      message: 'The API key provided does not have read permissions.',
    };
  }
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && !writable) {
    return {
      status: 401,
      code: 'woocommerce_rest_authentication_error',
      message: 'The API key provided does not have write permissions.',
    };
  }
  return null;
}
