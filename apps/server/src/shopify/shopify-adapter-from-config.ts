import type { Config } from '@dropship/config';
import { createShopifyApi } from '@dropship/shopify';
import type { ShopifyAdapter, ShopifyLogLevel } from '@dropship/shopify';
import type { Logger } from 'pino';

export interface ShopifyAdapterFromConfigOptions {
  log: Logger;
  /** Tests and local development only: the Shopify stand-in's origin (see createShopifyApi). */
  adminApiOrigin?: string;
}

const pinoLevels: Record<ShopifyLogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  error: 'error',
};

/** The Shopify adapter of this deployment: keys and version from config.shopify, the plan from config.billing. */
export function shopifyAdapterFromConfig(
  config: Pick<Config, 'shopify' | 'billing' | 'appUrl'>,
  options: ShopifyAdapterFromConfigOptions,
): ShopifyAdapter {
  const log = options.log.child({ component: 'shopify-api' });
  return createShopifyApi({
    apiKey: config.shopify.apiKey,
    apiSecret: config.shopify.apiSecret,
    scopes: config.shopify.scopes,
    apiVersion: config.shopify.apiVersion,
    appUrl: config.appUrl,
    billing: {
      planName: config.billing.planName,
      amount: config.billing.amount,
      currency: config.billing.currency,
      trialDays: config.billing.trialDays,
      test: config.billing.test,
    },
    ...(options.adminApiOrigin !== undefined ? { adminApiOrigin: options.adminApiOrigin } : {}),
    // The library logs every request at debug level: keep only what says something went wrong.
    log: (level, message) => {
      if (level === 'warning' || level === 'error') log[pinoLevels[level]](message);
    },
  });
}
