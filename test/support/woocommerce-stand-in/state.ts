import { createHmac, randomBytes } from 'node:crypto';

export type KeyPermissions = 'read' | 'write' | 'read_write';

/** A row of `wp_woocommerce_api_keys`: the key is stored hashed, the secret in clear (as WooCommerce does). */
export interface StandInKey {
  keyId: number;
  consumerKeyHash: string;
  consumerSecret: string;
  permissions: KeyPermissions;
  /** OAuth nonces seen, by timestamp (WC keeps 15 minutes of them). */
  nonces: Map<string, number>;
}

export interface StandInProduct {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  status: 'publish' | 'draft' | 'pending' | 'private' | 'future' | 'trash';
  type: string;
  sku: string;
  description: string;
  short_description: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  images: { id: number; src: string; name: string; alt: string }[];
  regular_price: string;
  price: string;
  stock_status: string;
}

export interface StandInOrderLine {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  sku: string;
  total: string;
  price: number;
}

export interface StandInOrder {
  id: number;
  parent_id: number;
  number: string;
  status: string;
  currency: string;
  total: string;
  customer_id: number;
  date_created_gmt: string;
  date_modified_gmt: string;
  line_items: StandInOrderLine[];
}

/** A webhook as `/wc/v3/webhooks` keeps it; `secret` is write-only over the API. */
export interface StandInWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  resource: string;
  event: string;
  hooks: string[];
  delivery_url: string;
  secret: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

/** wc_api_hash(): HMAC-SHA256 keyed with 'wc-api'. */
export function wcApiHash(consumerKey: string): string {
  return createHmac('sha256', 'wc-api').update(consumerKey).digest('hex');
}

/** wc_rand_hash(): 40 hex characters. */
export function wcRandHash(): string {
  return randomBytes(20).toString('hex');
}

/** `2026-11-21T08:00:00`: WooCommerce's `_gmt` format, no zone. */
export function toWooGmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export class StandInState {
  readonly keys = new Map<string, StandInKey>();
  readonly products = new Map<number, StandInProduct>();
  readonly orders = new Map<number, StandInOrder>();
  readonly webhooks = new Map<number, StandInWebhook>();
  private nextKeyId = 1;
  private nextPostId = 100;

  createKey(permissions: KeyPermissions = 'read_write'): {
    keyId: number;
    consumerKey: string;
    consumerSecret: string;
  } {
    const consumerKey = `ck_${wcRandHash()}`;
    const consumerSecret = `cs_${wcRandHash()}`;
    const keyId = this.nextKeyId++;
    this.keys.set(wcApiHash(consumerKey), {
      keyId,
      consumerKeyHash: wcApiHash(consumerKey),
      consumerSecret,
      permissions,
      nonces: new Map(),
    });
    return { keyId, consumerKey, consumerSecret };
  }

  findKey(consumerKey: string): StandInKey | undefined {
    return this.keys.get(wcApiHash(consumerKey));
  }

  /** Deletes one key, or all of them (the key's WordPress user was deleted). */
  revokeKeys(consumerKey?: string): void {
    if (consumerKey === undefined) this.keys.clear();
    else this.keys.delete(wcApiHash(consumerKey));
  }

  /** Posts and orders share WordPress's id sequence. */
  allocateId(): number {
    return this.nextPostId++;
  }
}
