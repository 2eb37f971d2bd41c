import { z } from 'zod';
import { rawBodyToBuffer } from '../shared/headers';
import type { RawBody } from '../shared/headers';
import { describeIssues } from '../shared/zod-issues';

// WC_Auth::create_keys(): 'ck_' / 'cs_' + wc_rand_hash() (40 hex characters).
const keyCallbackSchema = z.object({
  key_id: z.coerce.number().int().positive(),
  user_id: z.coerce.string().min(1),
  consumer_key: z.string().regex(/^ck_[0-9a-f]{40}$/, 'must be ck_ followed by 40 hex characters'),
  consumer_secret: z.string().regex(/^cs_[0-9a-f]{40}$/, 'must be cs_ followed by 40 hex characters'),
  key_permissions: z.enum(['read', 'write', 'read_write']),
});

/** The keys WooCommerce created for the platform, in our names. `state` is the echoed `user_id`. */
export interface WooKeyCallback {
  keyId: number;
  state: string;
  consumerKey: string;
  consumerSecret: string;
  keyPermissions: 'read' | 'write' | 'read_write';
}

export type ParseKeyCallbackResult = { ok: true; value: WooKeyCallback } | { ok: false; error: string };

/**
 * Parses the POST WooCommerce sends to the callback URL: a JSON body
 * (`Content-Type: application/json;charset=…`, WC_Auth::post_consumer_data).
 * Accepts the raw body or an already decoded object. The route answers exactly
 * 200 to keep the key; any other status (e.g. for a bad state) makes WooCommerce delete it.
 */
export function parseKeyCallback(body: RawBody | unknown): ParseKeyCallbackResult {
  let json: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    try {
      json = JSON.parse(rawBodyToBuffer(body).toString('utf8'));
    } catch {
      return { ok: false, error: 'The key callback body is not JSON.' };
    }
  }
  const parsed = keyCallbackSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const data = parsed.data;
  return {
    ok: true,
    value: {
      keyId: data.key_id,
      state: data.user_id,
      consumerKey: data.consumer_key,
      consumerSecret: data.consumer_secret,
      keyPermissions: data.key_permissions,
    },
  };
}
