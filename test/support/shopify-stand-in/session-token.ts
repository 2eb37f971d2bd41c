import { createHmac, randomUUID } from 'node:crypto';

export interface SessionTokenParams {
  apiKey: string;
  apiSecret: string;
  shop: string;
  userId?: string;
  /** Seconds from now; negative for an expired token. Default 60, as App Bridge. */
  expiresIn?: number;
  now?: Date;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An App Bridge session token: HS256 JWT signed with the app secret, claims as shopify.dev documents them. */
export function createSessionToken({
  apiKey,
  apiSecret,
  shop,
  userId = '42',
  expiresIn = 60,
  now = new Date(),
}: SessionTokenParams): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: userId,
      exp: iat + expiresIn,
      nbf: iat - 5,
      iat,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Checks a session token the way Shopify's token endpoint does; returns the shop or null. */
export function verifySessionToken(
  token: string,
  apiKey: string,
  apiSecret: string,
  now: Date,
): string | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url');
  if (expected !== signature) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    aud?: string;
    exp?: number;
    dest?: string;
  };
  if (claims.aud !== apiKey || typeof claims.exp !== 'number' || claims.exp * 1000 < now.getTime())
    return null;
  return claims.dest ? new URL(claims.dest).host : null;
}
