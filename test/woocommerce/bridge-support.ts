import request from 'supertest';
import { signBridgeRequest } from '@dropship/woocommerce';
import type { TestStack } from '../../apps/server/src/test-support/harness';

export interface ConnectedSite {
  siteId: string;
  secret: string;
  accountId: string;
}

/** Connects `siteUrl` the fallback way: a code created for a new account, exchanged once. */
export async function connectWithCode(
  stack: TestStack,
  siteUrl: string,
  email = 'owner@shop.test',
): Promise<ConnectedSite> {
  const account = await stack.repos.accounts.create({ email });
  const code = `DC-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  await stack.repos.connectionCodes.create({
    code,
    accountId: account.id,
    expiresAt: new Date(stack.clock.now().getTime() + 60 * 60 * 1000),
  });
  const response = await request(stack.app).post('/bridge/v1/connect/code').send({ code, site_url: siteUrl });
  if (response.status !== 200) throw new Error(`connect/code answered ${response.status}: ${response.text}`);
  return {
    siteId: response.body.site_id as string,
    secret: response.body.site_secret as string,
    accountId: account.id,
  };
}

export interface SignedSendOptions {
  method?: 'GET' | 'POST';
  body?: string;
  now?: Date;
  eventId?: string;
  secret?: string;
  siteId?: string;
  /** The path put in the signature, when it differs from the one requested. */
  signedPath?: string;
  contentType?: string;
}

/** Sends one request signed exactly as the plugin signs it. */
export function sendSigned(
  stack: TestStack,
  site: ConnectedSite,
  path: string,
  options: SignedSendOptions = {},
) {
  const method = options.method ?? 'POST';
  const rawBody = options.body ?? '';
  const { headers } = signBridgeRequest({
    method,
    path: options.signedPath ?? path,
    siteId: options.siteId ?? site.siteId,
    secret: options.secret ?? site.secret,
    rawBody,
    now: options.now ?? stack.clock.now(),
    ...(options.eventId ? { eventId: options.eventId } : {}),
  });
  const agent = request(stack.app);
  const call = method === 'GET' ? agent.get(path) : agent.post(path);
  call.set(headers);
  if (method === 'POST')
    call.set('Content-Type', options.contentType ?? 'application/json; charset=utf-8').send(rawBody);
  return call;
}

/** A lifecycle event body as the plugin builds it. */
export function eventBody(
  type: 'activated' | 'deactivated' | 'deleted',
  occurrenceId: string,
  occurredAt: Date,
  siteUrl = 'http://shop.test',
): string {
  return JSON.stringify({
    type,
    occurrence_id: occurrenceId,
    occurred_at: occurredAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    site_url: siteUrl,
    plugin_version: '1.0.0',
    wp_version: '6.1.1',
    wc_version: null,
  });
}
