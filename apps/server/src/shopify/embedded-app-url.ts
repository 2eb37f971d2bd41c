import type { Config } from '@dropship/config';
import { storeHandle } from '@dropship/shopify';

/** The app inside the shop's admin: where the merchant lands after install and billing. */
export function embeddedAppUrl(config: Pick<Config, 'shopify'>, shop: string): string {
  return `https://admin.shopify.com/store/${storeHandle(shop)}/apps/${config.shopify.apiKey}`;
}
