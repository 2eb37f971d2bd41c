import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../shared/constant-time';

// Domain separation: the same secret may sign other things; this tag makes a state signature mean only this.
const STATE_PURPOSE = 'dropship.wc-connect-state.v1';

export interface ConnectStateValue {
  connectionId: string;
  expiresAt: Date;
}

export const ConnectStateRejections = {
  badSignature: 'bad_signature',
  expired: 'expired',
  malformed: 'malformed',
} as const;
export type ConnectStateRejection = (typeof ConnectStateRejections)[keyof typeof ConnectStateRejections];

export type VerifyConnectStateResult =
  ({ ok: true } & ConnectStateValue) | { ok: false; reason: ConnectStateRejection };

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${STATE_PURPOSE}.${payload}`).digest('base64url');
}

/**
 * A signed, expiring token naming a pending connection: `payload.signature`,
 * both base64url, so it survives WooCommerce's `wc_clean()` of `user_id`.
 */
export function createConnectState(value: ConnectStateValue, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ c: value.connectionId, e: Math.floor(value.expiresAt.getTime() / 1000) }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Checks a state from the key callback: signature first (constant time), then expiry. */
export function verifyConnectState(state: string, secret: string, now: Date): VerifyConnectStateResult {
  const parts = typeof state === 'string' ? state.split('.') : [];
  const [payload, signature] = parts;
  if (parts.length !== 2 || !payload || !signature)
    return { ok: false, reason: ConnectStateRejections.malformed };
  if (!constantTimeEqual(sign(payload, secret), signature))
    return { ok: false, reason: ConnectStateRejections.badSignature };

  const decoded = decodePayload(payload);
  if (!decoded) return { ok: false, reason: ConnectStateRejections.malformed };
  if (now.getTime() >= decoded.expiresAt.getTime())
    return { ok: false, reason: ConnectStateRejections.expired };
  return { ok: true, ...decoded };
}

function decodePayload(payload: string): ConnectStateValue | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { c, e } = value as { c?: unknown; e?: unknown };
    if (typeof c !== 'string' || c.length === 0 || typeof e !== 'number' || !Number.isInteger(e)) return null;
    return { connectionId: c, expiresAt: new Date(e * 1000) };
  } catch {
    return null;
  }
}
