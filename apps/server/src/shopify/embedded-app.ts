import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router } from 'express';
import type { Request, RequestHandler } from 'express';
import { ErrorKinds } from '@dropship/core';
import { AccountPaths } from '../account/account-paths';
import { currentOwnerSession } from '../account/auth/owner-sessions';
import type { ServerDeps } from '../server-deps';
import { ServerError } from '../errors';
import { refreshSubscriptions } from './refresh-subscriptions';
import { loadInstalledShop } from './shop-session';

/** apps/web/dist, from apps/server/{src,dist}/shopify. */
export const DEFAULT_WEB_DIST_DIR = path.resolve(__dirname, '../../../web/dist');

const API_KEY_PLACEHOLDER = '__SHOPIFY_API_KEY__';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** index.html with the app's client id in `<meta name="shopify-api-key">` (App Bridge reads it). */
export function injectApiKey(html: string, apiKey: string): string {
  const key = escapeAttribute(apiKey);
  if (html.includes(API_KEY_PLACEHOLDER)) return html.split(API_KEY_PLACEHOLDER).join(key);
  return html.replace(/<head>/i, `<head>\n    <meta name="shopify-api-key" content="${key}" />`);
}

async function readIndexHtml(distDir: string): Promise<string> {
  try {
    return await readFile(path.join(distDir, 'index.html'), 'utf8');
  } catch {
    throw new ServerError(
      ErrorKinds.unavailable,
      `The web UI is not built (${path.join(distDir, 'index.html')} is missing). Build it with \`npm run build -w @dropship/web\`, then reload.`,
    );
  }
}

/**
 * The shop of an embedded load, authenticated: the App Bridge session token
 * Shopify appends as `id_token`, or else the signed query (`hmac`). Null for a
 * standalone load (no `shop`).
 */
async function authenticatedShop(deps: ServerDeps, req: Request): Promise<string | null> {
  const query = req.query as Record<string, unknown>;
  if (typeof query.shop !== 'string') return null;
  const shop = deps.shopify.sanitizeShop(query.shop);
  if (typeof query.id_token === 'string') {
    const verified = await deps.shopify.verifySessionToken(query.id_token);
    if (verified.valid && verified.shop === shop) return shop;
  } else if (shop !== null && typeof query.hmac === 'string') {
    const strings = Object.fromEntries(
      Object.entries(query).filter(([, value]) => typeof value === 'string'),
    );
    if (await deps.shopify.library.utils.validateHmac(strings as Record<string, string>)) return shop;
  }
  throw new ServerError(
    ErrorKinds.unauthorized,
    'This app load is not signed by Shopify (invalid id_token or hmac); open the app from the Shopify admin.',
  );
}

/** App load refreshes the stored current period end while the token is valid; a failure must not block the app. */
async function refreshOnLoad(
  deps: ServerDeps,
  req: Request,
  shop: string,
): Promise<'installed' | 'not_installed'> {
  const installed = await loadInstalledShop(deps.repos, shop);
  if (installed === null) return 'not_installed';
  try {
    await refreshSubscriptions(deps, installed.store, installed.session);
  } catch (error) {
    req.log.warn({ err: error, shop }, 'could not refresh the Shopify subscription on app load');
  }
  return 'installed';
}

function serveApp(deps: ServerDeps, distDir: string): RequestHandler {
  return async (req, res) => {
    const html = await readIndexHtml(distDir);
    const shop = await authenticatedShop(deps, req);
    // A standalone load is the account area: without an owner session, the sign-in page comes first.
    if (shop === null && (await currentOwnerSession(deps, req)) === null) {
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, AccountPaths.signInPage);
      return;
    }
    if (shop !== null && (await refreshOnLoad(deps, req, shop)) === 'not_installed') {
      res.redirect(302, `/auth?shop=${encodeURIComponent(shop)}`);
      return;
    }
    // Embedded: only this shop's admin may frame the app. Standalone: nobody may.
    const ancestors = shop !== null ? `https://${shop} https://admin.shopify.com` : "'none'";
    res.setHeader('Content-Security-Policy', `frame-ancestors ${ancestors};`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(injectApiKey(html, deps.config.shopify.apiKey));
  };
}

/** `/app`: the Polaris UI (apps/web/dist), its assets, and every deep link of it. */
export function embeddedAppRouter(deps: ServerDeps, distDir = DEFAULT_WEB_DIST_DIR): Router {
  const router = Router();
  router.use(
    '/app/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  const handler = serveApp(deps, distDir);
  router.get('/app', handler);
  router.get('/app/{*path}', handler);
  return router;
}
