import { z } from 'zod';
import { ErrorKinds } from '@dropship/core';
import { WooConnectorError, invalidOptions } from '../errors';
import { describeIssues } from '../shared/zod-issues';
import type {
  ConnectClaimBody,
  ConnectCodeBody,
  ConnectStartBody,
  HeartbeatBody,
  LifecycleEventBody,
} from './schemas';
import { signBridgeRequest } from './sign-request';

/** Bridge endpoint paths (docs/bridge-protocol.md). */
export const BridgePaths = {
  events: '/bridge/v1/events',
  heartbeat: '/bridge/v1/heartbeat',
  subscription: '/bridge/v1/subscription',
  loginLink: '/bridge/v1/login-link',
  connectStart: '/bridge/v1/connect/start',
  connectClaim: '/bridge/v1/connect/claim',
  connectCode: '/bridge/v1/connect/code',
} as const;

const bridgeClientOptionsSchema = z.object({
  /** The platform's base URL, e.g. `https://platform.example.com`. */
  baseUrl: z.url(),
  siteId: z.string().min(1).optional(),
  secret: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(5000),
  /** Clock used for signatures; the plugin uses its own. */
  now: z.custom<() => Date>((value) => typeof value === 'function').optional(),
});
export type BridgeClientOptions = z.input<typeof bridgeClientOptionsSchema>;

/** The answer of the platform, whatever its status: the caller decides what a non-2xx means. */
export interface BridgeResponse<T = unknown> {
  status: number;
  body: T;
}

export interface BridgeClient {
  sendEvent(body: LifecycleEventBody): Promise<BridgeResponse>;
  sendHeartbeat(body: HeartbeatBody): Promise<BridgeResponse>;
  getSubscription(): Promise<BridgeResponse>;
  requestLoginLink(): Promise<BridgeResponse>;
  connectStart(body: ConnectStartBody): Promise<BridgeResponse>;
  connectClaim(body: ConnectClaimBody): Promise<BridgeResponse>;
  connectWithCode(body: ConnectCodeBody): Promise<BridgeResponse>;
}

/**
 * The plugin's side of the bridge protocol in TypeScript: what the WordPress
 * plugin sends, signed the same way. Used by the demo and by end-to-end tests.
 */
export function createBridgeClient(options: BridgeClientOptions): BridgeClient {
  const parsed = bridgeClientOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions('bridge client options', describeIssues(parsed.error));
  const config = parsed.data;
  const base = config.baseUrl.replace(/\/+$/, '');
  // The signature covers the full request path, so a platform mounted under a
  // prefix (https://host/api) signs /api/bridge/v1/... (docs/bridge-protocol.md).
  const prefix = new URL(base).pathname.replace(/\/+$/, '');

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signed: boolean,
  ): Promise<BridgeResponse> {
    const rawBody = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (rawBody) headers['content-type'] = 'application/json';
    if (signed) Object.assign(headers, signatureHeaders(method, prefix + path, rawBody));
    const response = await fetch(base + path, {
      method,
      headers,
      body: method === 'GET' ? undefined : rawBody,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : null };
  }

  function signatureHeaders(method: string, path: string, rawBody: string): Record<string, string> {
    if (!config.siteId || !config.secret) {
      throw new WooConnectorError(
        ErrorKinds.invalidInput,
        'Signed bridge requests need siteId and secret: pass them to createBridgeClient.',
      );
    }
    const now = config.now ? config.now() : new Date();
    return signBridgeRequest({ method, path, siteId: config.siteId, secret: config.secret, rawBody, now })
      .headers;
  }

  return {
    sendEvent: (body) => send('POST', BridgePaths.events, body, true),
    sendHeartbeat: (body) => send('POST', BridgePaths.heartbeat, body, true),
    getSubscription: () => send('GET', BridgePaths.subscription, undefined, true),
    requestLoginLink: () => send('POST', BridgePaths.loginLink, {}, true),
    connectStart: (body) => send('POST', BridgePaths.connectStart, body, false),
    connectClaim: (body) => send('POST', BridgePaths.connectClaim, body, false),
    connectWithCode: (body) => send('POST', BridgePaths.connectCode, body, false),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
