import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBuiltInSupplier, createOutboxMailer } from '@dropship/lifecycle';
import { createProcessors, startWorker } from '@dropship/worker';
import type { RunningWorker } from '@dropship/worker';

import { createTestStack, TEST_REDIS_URL } from '../../../apps/server/src/test-support/harness';
import type { TestStack, TestStackOptions } from '../../../apps/server/src/test-support/harness';
import { deliverWebhook, startShopifyStandIn } from '../../support/shopify-stand-in';
import type {
  DeliverWebhookParams,
  DeliverWebhookResult,
  ShopifyStandIn,
} from '../../support/shopify-stand-in';

export const API_KEY = 'e2e-shopify-api-key';
export const API_SECRET = 'e2e-shopify-api-secret';
/** The public URL Shopify knows; requests to it are sent to the local server. */
export const APP_URL = 'https://dropship.test';

const browser = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
};

export interface ShopifyApp {
  stack: TestStack;
  standIn: ShopifyStandIn;
  /** `http://127.0.0.1:<port>` of the app server. */
  origin: string;
  /** Runs OAuth like a merchant's browser; returns the app's answer to the callback (a redirect). */
  install(shop: string): Promise<Response>;
  /** install(), then approves the charge and follows the return URL; returns the subscription's id. */
  installAndSubscribe(shop: string): Promise<string>;
  /** GET on the app (a Shopify URL of our app is mapped to the local server). */
  get(pathOrAppUrl: string, headers?: Record<string, string>): Promise<Response>;
  deliver(
    path: string,
    params: Omit<DeliverWebhookParams, 'url' | 'secret'> & { secret?: string },
  ): Promise<DeliverWebhookResult>;
  /** Runs the real worker until `done` holds, then stops it. */
  runWorker(done: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

function listen(stack: TestStack): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve) => {
    const server = stack.app.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The app server on real SQLite/PostgreSQL and Redis, a Shopify stand-in, and the real worker on demand. */
export async function startShopifyApp(
  options: Omit<TestStackOptions, 'shopifyAdminApiOrigin'> = {},
): Promise<ShopifyApp> {
  const standIn = await startShopifyStandIn({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    redirectUrls: [`${APP_URL}/auth/callback`],
  });
  const stack = await createTestStack({
    ...options,
    env: {
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: APP_URL,
      ...options.env,
    },
    shopifyAdminApiOrigin: standIn.origin,
  });
  const { server, origin } = await listen(stack);
  const local = (url: string) => {
    const parsed = new URL(url, APP_URL);
    return `${origin}${parsed.pathname}${parsed.search}`;
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(local(url), { headers: { ...browser, ...headers }, redirect: 'manual' });

  const install = async (shop: string) => {
    const begin = await get(`/auth?shop=${shop}`);
    if (begin.status !== 302) throw new Error(`/auth answered ${begin.status}: ${await begin.text()}`);
    const callback = await standIn.authorize(begin.headers.get('location') ?? '');
    return get(callback, { cookie: cookiesFrom(begin) });
  };

  return {
    stack,
    standIn,
    origin,
    install,
    async installAndSubscribe(shop) {
      const answer = await install(shop);
      const confirmationUrl = answer.headers.get('location') ?? '';
      if (answer.status !== 302 || !confirmationUrl.includes('/admin/charges/')) {
        throw new Error(`install did not ask for billing: ${answer.status} ${confirmationUrl}`);
      }
      const returned = await get(await standIn.confirmCharge(confirmationUrl, 'approve'));
      if (returned.status !== 302)
        throw new Error(`billing return answered ${returned.status}: ${await returned.text()}`);
      const chargeId = new URL(confirmationUrl).pathname.split('/')[4];
      return `gid://shopify/AppSubscription/${chargeId}`;
    },
    get,
    deliver: (path, params) => deliverWebhook({ secret: API_SECRET, ...params, url: `${origin}${path}` }),
    async runWorker(done, timeoutMs = 15_000) {
      const { repos, clock, queues } = stack;
      const processors = createProcessors({
        repos,
        queues,
        clock,
        supplier: createBuiltInSupplier({ repos }),
        mailer: createOutboxMailer({ repos, clock }),
        platforms: {},
        publicBaseUrl: APP_URL,
        teamEmail: 'team@dropship.test',
      });
      const worker: RunningWorker = await startWorker({
        redisUrl: TEST_REDIS_URL,
        prefix: queues.prefix,
        processors,
        log: pino({ level: 'silent' }),
      });
      try {
        await waitUntil('the worker', done, timeoutMs);
      } finally {
        await worker.close();
      }
    },
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await stack.close();
      await standIn.close();
    },
  };
}
