import { z } from 'zod';
import { rawBodyToBuffer } from '../shared/headers';
import type { RawBody } from '../shared/headers';
import { describeIssues } from '../shared/zod-issues';
import { wooGmtToDate, wooOrderSchema } from '../rest/resources';
import type { WooOrder } from '../rest/resources';

export type ParsePayloadResult<T> = { ok: true; value: T } | { ok: false; error: string };

function decode(body: RawBody | unknown): { ok: true; json: unknown } | { ok: false; error: string } {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return { ok: true, json: body };
  try {
    return { ok: true, json: JSON.parse(rawBodyToBuffer(body).toString('utf8')) };
  } catch {
    return { ok: false, error: 'The webhook body is not JSON.' };
  }
}

/** An `order.created` payload: the order as `/wc/v3/orders/<id>` returns it, with its creation time read. */
export interface OrderCreatedPayload {
  order: WooOrder;
  createdAt: Date | null;
}

export function parseOrderCreated(body: RawBody | unknown): ParsePayloadResult<OrderCreatedPayload> {
  const decoded = decode(body);
  if (!decoded.ok) return decoded;
  const parsed = wooOrderSchema.safeParse(decoded.json);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  return { ok: true, value: { order: parsed.data, createdAt: wooGmtToDate(parsed.data.date_created_gmt) } };
}

// WC_Webhook::build_payload(): a deleted resource is delivered as `{ "id": <hook argument> }` only.
const deletedSchema = z.object({ id: z.coerce.number().int().positive() });

export function parseProductDeleted(body: RawBody | unknown): ParsePayloadResult<{ productId: number }> {
  const decoded = decode(body);
  if (!decoded.ok) return decoded;
  const parsed = deletedSchema.safeParse(decoded.json);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  return { ok: true, value: { productId: parsed.data.id } };
}
