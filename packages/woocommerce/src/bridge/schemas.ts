import { z } from 'zod';
import { rawBodyToBuffer } from '../shared/headers';
import type { RawBody } from '../shared/headers';
import { describeIssues } from '../shared/zod-issues';

/** Lifecycle event types the plugin sends to `POST /bridge/v1/events`. */
export const BridgeEventTypes = {
  activated: 'activated',
  deactivated: 'deactivated',
  deleted: 'deleted',
} as const;
export type BridgeEventType = (typeof BridgeEventTypes)[keyof typeof BridgeEventTypes];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const version = z.string().trim().min(1).max(64);
const nullableVersion = version.nullable();

export const lifecycleEventBodySchema = z.object({
  type: z.enum([BridgeEventTypes.activated, BridgeEventTypes.deactivated, BridgeEventTypes.deleted]),
  occurrence_id: z.uuid(),
  occurred_at: z.iso.datetime({ offset: true }),
  site_url: httpUrl,
  plugin_version: version,
  wp_version: version,
  wc_version: nullableVersion,
  reason: z.string().max(2000).nullish(),
});
export type LifecycleEventBody = z.infer<typeof lifecycleEventBodySchema>;

export const heartbeatBodySchema = z.object({
  site_url: httpUrl,
  plugin_version: version,
  wp_version: version,
  wc_version: nullableVersion,
  active: z.boolean(),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;

export const connectStartBodySchema = z.object({
  site_url: httpUrl,
  admin_email: z.email(),
  return_url: httpUrl,
});
export type ConnectStartBody = z.infer<typeof connectStartBodySchema>;

export const connectClaimBodySchema = z.object({
  connection_id: z.string().trim().min(1).max(200),
  claim_secret: z.string().min(16).max(500),
});
export type ConnectClaimBody = z.infer<typeof connectClaimBodySchema>;

export const connectCodeBodySchema = z.object({
  code: z.string().trim().min(4).max(200),
  site_url: httpUrl,
});
export type ConnectCodeBody = z.infer<typeof connectCodeBodySchema>;

/** Every bridge request body, by name; `parseBridgeBody(kind, raw)` picks the schema. */
export const bridgeBodySchemas = {
  event: lifecycleEventBodySchema,
  heartbeat: heartbeatBodySchema,
  connectStart: connectStartBodySchema,
  connectClaim: connectClaimBodySchema,
  connectCode: connectCodeBodySchema,
} as const;
export type BridgeBodyKind = keyof typeof bridgeBodySchemas;
export type BridgeBody<K extends BridgeBodyKind> = z.infer<(typeof bridgeBodySchemas)[K]>;

export type ParseBridgeBodyResult<K extends BridgeBodyKind> =
  | { ok: true; value: BridgeBody<K> }
  | { ok: false; reason: 'malformed_json' | 'invalid_body'; error: string };

/**
 * Parses a raw bridge body (Buffer or string) or an already decoded JSON value.
 * Failures are values with a readable `error` the server can answer with (400).
 */
export function parseBridgeBody<K extends BridgeBodyKind>(
  kind: K,
  body: RawBody | unknown,
): ParseBridgeBodyResult<K> {
  let json: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    try {
      json = JSON.parse(rawBodyToBuffer(body).toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed_json', error: 'The body is not valid JSON.' };
    }
  }
  const result = bridgeBodySchemas[kind].safeParse(json);
  if (!result.success) return { ok: false, reason: 'invalid_body', error: describeIssues(result.error) };
  return { ok: true, value: result.data as BridgeBody<K> };
}
