import { ErrorKinds } from '@dropship/core';
import { ApiVersion } from '@shopify/shopify-api';
import { z } from 'zod';

import { ShopifyAdapterError } from './errors';

export type ShopifyLogLevel = 'debug' | 'info' | 'warning' | 'error';

/** The recurring plan merchants subscribe to (config.billing can be passed as is). */
export interface ShopifyPlanOptions {
  planName: string;
  /** Decimal amount, as Shopify's billing API takes it (29.0). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  trialDays: number;
  /** Test charges: no money moves (development stores). */
  test: boolean;
}

export interface ShopifyAdapterOptions {
  apiKey: string;
  apiSecret: string;
  scopes: readonly string[];
  /** Admin API version, `YYYY-MM`, one the library supports. */
  apiVersion: string;
  /** Public base URL of the app (`https://app.example.com`); OAuth redirects to `${appUrl}${callbackPath}`. */
  appUrl: string;
  /** Default `/auth/callback` (must be listed in shopify.app.toml `[auth] redirect_urls`). */
  callbackPath?: string;
  billing: ShopifyPlanOptions;
  /**
   * Tests and local development only: send every request meant for
   * `https://<shop>.myshopify.com` to this origin instead (the Shopify
   * stand-in), keeping the shop in `X-Forwarded-Host`. Process-wide: see
   * admin/route-admin-api.ts.
   */
  adminApiOrigin?: string;
  /** Receives the library's log lines; default: warnings and errors on the console. */
  log?: (level: ShopifyLogLevel, message: string) => void;
}

export interface ResolvedShopifyOptions extends Required<
  Omit<ShopifyAdapterOptions, 'adminApiOrigin' | 'log'>
> {
  apiVersion: ApiVersion;
  hostName: string;
  hostScheme: 'http' | 'https';
  adminApiOrigin: string | null;
  log: ((level: ShopifyLogLevel, message: string) => void) | null;
}

const supportedVersions = Object.values(ApiVersion) as string[];

const schema = z.object({
  apiKey: z.string().min(1, 'apiKey (client id) is required'),
  apiSecret: z.string().min(1, 'apiSecret (client secret) is required'),
  scopes: z
    .array(z.string().regex(/^(read|write|unauthenticated_read|unauthenticated_write)_[a-z_]+$/))
    .min(1),
  apiVersion: z.string().refine((version) => supportedVersions.includes(version), {
    message: `must be one of ${supportedVersions.join(', ')}`,
  }),
  appUrl: z.url({ protocol: /^https?$/ }),
  callbackPath: z.string().startsWith('/').default('/auth/callback'),
  billing: z.object({
    planName: z.string().min(1),
    amount: z.number().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    trialDays: z.number().int().min(0),
    test: z.boolean(),
  }),
  adminApiOrigin: z.url({ protocol: /^https?$/ }).optional(),
});

/** Checks every option once and derives what the library wants; throws INVALID_INPUT listing each problem. */
export function resolveShopifyOptions(options: ShopifyAdapterOptions): ResolvedShopifyOptions {
  const parsed = schema.safeParse({ ...options, scopes: [...options.scopes] });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `Invalid Shopify adapter options: ${problems.join('; ')}`,
      { problems },
    );
  }
  const value = parsed.data;
  const url = new URL(value.appUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return {
    apiKey: value.apiKey,
    apiSecret: value.apiSecret,
    scopes: value.scopes,
    apiVersion: value.apiVersion as ApiVersion,
    appUrl: `${url.origin}${path}`,
    callbackPath: value.callbackPath,
    billing: { ...value.billing },
    hostName: `${url.host}${path}`,
    hostScheme: url.protocol === 'http:' ? 'http' : 'https',
    adminApiOrigin: value.adminApiOrigin ? new URL(value.adminApiOrigin).origin : null,
    log: options.log ?? null,
  };
}
