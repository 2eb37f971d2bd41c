/**
 * pino `redact` paths for every logger of the platform: credentials that a
 * caller might put in a log object (a request's headers, a body, an error's
 * details) are replaced before the line is written: at the top, one level
 * deep (`*.x`, e.g. `body.x`) and in headers two levels deep. Every path is
 * checked on every line, so the list stays short.
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
  '"x-shopify-hmac-sha256"',
  '"shopify-hmac-sha256"',
  '"x-dropship-signature"',
  '"x-wc-webhook-signature"',
  '"x-csrf-token"',
];

function pathsFor(field: string): string[] {
  const key = field.startsWith('"') ? `[${field}]` : `.${field}`;
  const top = field.startsWith('"') ? `[${field}]` : field;
  return [top, `*${key}`, `req.headers${key}`, `*.headers${key}`];
}

export const LOG_REDACT_PATHS: readonly string[] = secretFields.flatMap(pathsFor);

export const LOG_REDACT_CENSOR = '[redacted]';
