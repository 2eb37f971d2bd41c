import type { RequestHandler } from 'express';

export interface SecurityHeadersOptions {
  /** HSTS only in production: development runs on plain http://localhost. */
  production: boolean;
}

/** The embedded app: Shopify's admin frames it, so its own router sets CSP frame-ancestors per shop. */
const EMBEDDED_PREFIX = '/app';

// Server-rendered pages (ops, account sign-in, the queue board): scripts only from
// here, inline styles allowed (the pages use style attributes), fonts of the board.
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  'font-src https://fonts.gstatic.com',
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// JSON, CSV, webhooks: nothing to load, nothing to frame.
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

function isEmbedded(path: string): boolean {
  return path === EMBEDDED_PREFIX || path.startsWith(`${EMBEDDED_PREFIX}/`);
}

function isPage(path: string): boolean {
  return path === '/ops' || path.startsWith('/ops/') || path === '/account' || path.startsWith('/account/');
}

/**
 * The headers every response carries. The embedded app gets no X-Frame-Options
 * (it would forbid Shopify's admin from framing it; CSP frame-ancestors, set
 * by the embedded router for the signed shop, is the control there); every
 * other response refuses framing both ways.
 * https://shopify.dev/docs/apps/build/security/set-up-iframe-protection
 */
export function responseHeadersFor(path: string, production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  if (!isEmbedded(path)) {
    headers['X-Frame-Options'] = 'DENY';
    headers['Content-Security-Policy'] =
      isPage(path) && !path.startsWith('/ops/api/') ? PAGE_POLICY : DATA_POLICY;
  }
  return headers;
}

/** responseHeadersFor, on every response of the app. */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of Object.entries(responseHeadersFor(req.path, options.production))) {
      res.setHeader(name, value);
    }
    next();
  };
}
