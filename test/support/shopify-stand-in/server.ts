import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { executeAdminGraphql } from './admin-graphql';
import { approveSubscription, confirmationSignature, declineSubscription } from './billing';
import { accessToken, authorize } from './oauth';
import type { HttpAnswer, OAuthApp } from './oauth';
import type { StandInState } from './state';

/** Shopify's answer to a call with a revoked or unknown token. */
export const INVALID_TOKEN_BODY = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};

const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export interface RequestLogEntry {
  method: string;
  path: string;
  shop: string | null;
  status: number;
}

export interface ServerContext {
  state: StandInState;
  app: OAuthApp;
  now: () => Date;
  log: RequestLogEntry[];
}

/** The shop a request is for: the forwarded host the adapter's routing sets, or the Host header itself. */
function shopOf(req: IncomingMessage): string | null {
  const forwarded = req.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host ?? '';
  return SHOP_HOST.test(host) ? host : null;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (text === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

async function graphqlAnswer(ctx: ServerContext, req: IncomingMessage, shop: string): Promise<HttpAnswer> {
  const token = req.headers['x-shopify-access-token'];
  if (typeof token !== 'string' || ctx.state.tokens.get(token) !== shop)
    return { status: 401, body: INVALID_TOKEN_BODY };
  const body = await readBody(req);
  const result = await executeAdminGraphql(body, {
    state: ctx.state,
    shop: ctx.state.shop(shop),
    app: ctx.app,
    now: ctx.now,
  });
  return { status: 200, body: result };
}

const CONFIRM_PATH =
  /^\/admin\/charges\/([^/]+)\/(\d+)\/RecurringApplicationCharge\/confirm_recurring_application_charge$/;

function confirmAnswer(ctx: ServerContext, url: URL, shop: string): HttpAnswer {
  const match = CONFIRM_PATH.exec(url.pathname);
  const id = Number(match?.[2]);
  const subscription = ctx.state.shop(shop).subscriptions.find((candidate) => candidate.id === id);
  if (
    !match ||
    match[1] !== ctx.app.apiKey ||
    !subscription ||
    url.searchParams.get('signature') !== confirmationSignature(ctx.app.apiSecret, id)
  ) {
    return { status: 404, body: { errors: 'Not Found' } };
  }
  if (subscription.status !== 'PENDING')
    return { status: 422, body: { errors: `This charge is ${subscription.status.toLowerCase()}` } };
  if (url.searchParams.get('decision') === 'decline') declineSubscription(subscription, ctx.now());
  else approveSubscription(ctx.state.shop(shop), subscription, ctx.now());
  const back = new URL(subscription.returnUrl);
  back.searchParams.set('charge_id', String(subscription.id));
  return { status: 302, headers: { location: back.toString() } };
}

async function route(ctx: ServerContext, req: IncomingMessage, url: URL, shop: string): Promise<HttpAnswer> {
  const { method } = req;
  if (method === 'GET' && url.pathname === '/admin/oauth/authorize')
    return authorize(ctx.state, ctx.app, shop, url.searchParams, ctx.now());
  if (method === 'POST' && url.pathname === '/admin/oauth/access_token') {
    return accessToken(ctx.state, ctx.app, shop, await readBody(req), ctx.now());
  }
  if (method === 'POST' && /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(url.pathname))
    return graphqlAnswer(ctx, req, shop);
  if (method === 'GET' && CONFIRM_PATH.test(url.pathname)) return confirmAnswer(ctx, url, shop);
  return { status: 404, body: { errors: 'Not Found' } };
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  let payload = '';
  if (answer.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    payload = JSON.stringify(answer.body);
  }
  res.writeHead(answer.status, headers).end(payload);
}

export function createStandInServer(ctx: ServerContext): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const shop = shopOf(req);
    const answer: Promise<HttpAnswer> = shop
      ? route(ctx, req, url, shop)
      : Promise.resolve({
          status: 400,
          body: { errors: 'Unknown shop: send X-Forwarded-Host or Host <name>.myshopify.com' },
        });
    answer
      .catch((error: unknown) => ({ status: 500, body: { errors: (error as Error).message } }))
      .then((result) => {
        ctx.log.push({ method: req.method ?? 'GET', path: url.pathname, shop, status: result.status });
        send(res, result);
      });
  });
}

export async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
