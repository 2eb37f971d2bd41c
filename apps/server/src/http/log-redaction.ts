import type { LoggerOptions } from 'pino';

/**
 * Credentials that a caller might put in a log object (a request's headers, a
 * body, an error's details). Matched by key name, case-insensitively, at any
 * depth of the line.
 */
const secretFields = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'accessToken',
  'access_token',
  'refreshToken',
  'token',
  'csrfToken',
  'sessionToken',
  'apiSecret',
  'siteSecret',
  'site_secret',
  'claimSecret',
  'claim_secret',
  'consumerKey',
  'consumer_key',
  'consumerSecret',
  'consumer_secret',
  'webhookSecret',
  'encryptionKey',
  'x-shopify-hmac-sha256',
  'shopify-hmac-sha256',
  'x-dropship-signature',
  'x-wc-webhook-signature',
  'x-csrf-token',
];

export const LOG_REDACT_CENSOR = '[redacted]';

const escaped = secretFields.map((field) => field.replace(/[-]/g, '\\-')).join('|');
const JSON_STRING = '"(?:[^"\\\\]|\\\\.)*"';
const SCALAR = `${JSON_STRING}|-?\\d[\\d.eE+-]*|true|false`;
// A secret key's value when it is a string, a number, a boolean or an array of them (set-cookie).
const SECRET_VALUE = new RegExp(
  `("(?:${escaped})":)(?:${SCALAR}|\\[\\s*(?:(?:${SCALAR})\\s*,?\\s*)*\\])`,
  'gi',
);
const CENSORED = `$1"${LOG_REDACT_CENSOR}"`;

/**
 * Replaces every secret value in one written JSON log line. One pass over the
 * finished line costs the same whatever the object's shape, where path-based
 * redaction checks every path on every line (and misses deeper ones).
 */
export function redactLogLine(line: string): string {
  return line.replace(SECRET_VALUE, CENSORED);
}

/** The pino options every logger of the platform uses: each line redacted as it is written. */
export const LOG_REDACTION: Pick<LoggerOptions, 'hooks'> = { hooks: { streamWrite: redactLogLine } };
