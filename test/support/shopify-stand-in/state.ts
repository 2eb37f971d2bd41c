import { randomBytes } from 'node:crypto';

/** A recurring app charge as the stand-in keeps it. */
export interface SubscriptionState {
  id: number;
  name: string;
  status: 'ACTIVE' | 'CANCELLED' | 'DECLINED' | 'EXPIRED' | 'FROZEN' | 'PENDING';
  test: boolean;
  trialDays: number;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  periodEnd: Date | null;
  returnUrl: string;
  lineItems: Array<{ id: number; interval: string; amount: string; currencyCode: string }>;
}

export interface ProductState {
  id: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  status: string;
  vendor: string;
  productType: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  variants: Array<{ id: number; title: string; sku: string | null; price: string }>;
  imageUrls: string[];
}

export interface OrderLineState {
  id: number;
  productId: number | null;
  variantId: number | null;
  sku: string | null;
  quantity: number;
  title: string;
  price: string;
}

export interface OrderState {
  id: number;
  number: number;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  customer: { id: number; email: string | null; firstName: string | null; lastName: string | null } | null;
  lineItems: OrderLineState[];
  currency: string;
  /** An OrderDisplayFinancialStatus value (`PAID`, `PENDING`, …); the webhook body carries it lower-cased. */
  financialStatus: string;
}

export interface ShopState {
  id: number;
  domain: string;
  name: string;
  email: string;
  currency: string;
  installed: boolean;
  installedScopes: string;
  subscriptions: SubscriptionState[];
  products: ProductState[];
  orders: OrderState[];
}

export interface GrantState {
  shop: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

/** All of the stand-in's memory: one app, any number of shops. */
export class StandInState {
  readonly shops = new Map<string, ShopState>();
  /** Access token → shop; a revoked token is removed. */
  readonly tokens = new Map<string, string>();
  readonly grants = new Map<string, GrantState>();
  private nextId = 1000;

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  shop(domain: string): ShopState {
    let shop = this.shops.get(domain);
    if (!shop) {
      const handle = domain.replace(/\.myshopify\.com$/, '');
      shop = {
        id: this.newId() * 1000 + 7,
        domain,
        name: handle.replace(/-/g, ' '),
        email: `owner@${handle}.example`,
        currency: 'USD',
        installed: false,
        installedScopes: '',
        subscriptions: [],
        products: [],
        orders: [],
      };
      this.shops.set(domain, shop);
    }
    return shop;
  }

  issueToken(domain: string, scope: string): string {
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    const shop = this.shop(domain);
    shop.installed = true;
    shop.installedScopes = scope;
    this.tokens.set(token, domain);
    return token;
  }

  /** What Shopify does at uninstall: every token revoked, the subscription cancelled. */
  revokeShop(domain: string, now: Date): void {
    for (const [token, owner] of this.tokens) if (owner === domain) this.tokens.delete(token);
    const shop = this.shop(domain);
    shop.installed = false;
    for (const subscription of shop.subscriptions) {
      if (['ACTIVE', 'PENDING', 'FROZEN'].includes(subscription.status)) {
        subscription.status = subscription.status === 'PENDING' ? 'DECLINED' : 'CANCELLED';
        subscription.updatedAt = now;
      }
    }
  }
}
