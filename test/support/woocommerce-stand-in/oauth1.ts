import { createHmac, timingSafeEqual } from 'node:crypto';

/** PHP's rawurlencode() with WooCommerce's tweaks (wc_rest_urlencode_rfc3986). */
export function wcRestUrlencodeRfc3986(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/\+/g, ' ')
    .replace(/%7E/g, '~');
}

/** Reads `OAuth k="v", …` as WC_REST_Authentication::parse_header() does. */
export function parseOAuthHeader(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (!header.startsWith('OAuth ')) return params;
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g)) {
    const name = match[1] as string;
    const raw = (match[3] || match[4] || '').replace(/\+/g, ' ');
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  }
  return params;
}

export interface OAuthSignatureInput {
  method: string;
  /** `get_home_url(null, path, scheme)`: scheme, host and path, no query. */
  baseUri: string;
  /** Every request parameter ($_GET + $_POST + header oauth_*), decoded, oauth_signature included. */
  params: Record<string, string>;
  consumerSecret: string;
}

/**
 * WC_REST_Authentication::check_oauth_signature(): the string to sign is
 * METHOD&rawurlencode(base uri)&(sorted, normalized, re-encoded k=v joined by %26),
 * keyed with `consumer_secret&` (one-legged: no token secret).
 */
export function checkOAuthSignature(input: OAuthSignatureInput): 'ok' | 'bad_method' | 'mismatch' {
  const { oauth_signature: provided = '', ...rest } = input.params;
  const method = rest.oauth_signature_method;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return 'bad_method';
  const pairs = Object.keys(rest)
    .sort()
    .map((key) =>
      wcRestUrlencodeRfc3986(`${wcRestUrlencodeRfc3986(key)}=${wcRestUrlencodeRfc3986(rest[key] as string)}`),
    );
  const stringToSign = `${input.method.toUpperCase()}&${wcRestUrlencodeRfc3986(input.baseUri)}&${pairs.join('%26')}`;
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const expected = createHmac(algorithm, `${input.consumerSecret}&`).update(stringToSign).digest('base64');
  let consumerSignature: string;
  try {
    consumerSignature = decodeURIComponent(provided.replace(/ /g, '+'));
  } catch {
    return 'mismatch';
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(consumerSignature);
  return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'mismatch';
}
