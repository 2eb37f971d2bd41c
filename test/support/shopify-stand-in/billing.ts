import { createHmac } from 'node:crypto';

import type { ShopState, StandInState, SubscriptionState } from './state';
import { gid, parseGid, subscriptionView } from './views';

const DAY_MS = 24 * 60 * 60 * 1000;

interface LineItemInput {
  plan: {
    appRecurringPricingDetails?: {
      interval?: string;
      price: { amount: string | number; currencyCode: string };
    } | null;
    appUsagePricingDetails?: unknown;
  };
}

export interface CreateSubscriptionArgs {
  name: string;
  returnUrl: string;
  lineItems: LineItemInput[];
  test?: boolean | null;
  trialDays?: number | null;
}

/** The signature Shopify puts on a confirmation URL; the stand-in checks it when the merchant "approves". */
export function confirmationSignature(secret: string, subscriptionId: number): string {
  return createHmac('sha256', secret).update(`charge:${subscriptionId}`).digest('hex');
}

export function createSubscription(
  state: StandInState,
  shop: ShopState,
  args: CreateSubscriptionArgs,
  app: { apiKey: string; apiSecret: string },
  now: Date,
) {
  const userErrors: Array<{ field: string[]; message: string }> = [];
  if (args.name.trim() === '') userErrors.push({ field: ['name'], message: "Name can't be blank" });
  if (!URL.canParse(args.returnUrl))
    userErrors.push({ field: ['returnUrl'], message: 'Return url is invalid' });
  if (args.lineItems.length === 0)
    userErrors.push({ field: ['lineItems'], message: 'Line items must have at least one item' });
  if ((args.trialDays ?? 0) < 0)
    userErrors.push({ field: ['trialDays'], message: 'Trial days must be greater than or equal to 0' });
  const recurring = args.lineItems.map((item) => item.plan.appRecurringPricingDetails);
  if (recurring.some((details) => !details)) {
    userErrors.push({
      field: ['lineItems'],
      message: 'Only recurring pricing is supported by this stand-in',
    });
  }
  if (userErrors.length > 0) return { appSubscription: null, confirmationUrl: null, userErrors };

  const subscription: SubscriptionState = {
    id: state.newId(),
    name: args.name,
    status: 'PENDING',
    test: args.test ?? false,
    trialDays: args.trialDays ?? 0,
    createdAt: now,
    updatedAt: now,
    activatedAt: null,
    periodEnd: null,
    returnUrl: args.returnUrl,
    lineItems: recurring.map((details) => ({
      id: state.newId(),
      interval: details?.interval ?? 'EVERY_30_DAYS',
      amount: Number(details?.price.amount).toFixed(1),
      currencyCode: details?.price.currencyCode ?? 'USD',
    })),
  };
  shop.subscriptions.push(subscription);
  const signature = confirmationSignature(app.apiSecret, subscription.id);
  const confirmationUrl =
    `https://${shop.domain}/admin/charges/${app.apiKey}/${subscription.id}/RecurringApplicationCharge/` +
    `confirm_recurring_application_charge?signature=${signature}`;
  return { appSubscription: subscriptionView(subscription), confirmationUrl, userErrors };
}

/**
 * The merchant approves: the charge becomes ACTIVE and any other active
 * recurring charge of the app is cancelled (one at a time). The period ends
 * after the trial, or 30 days after activation without one.
 */
export function approveSubscription(shop: ShopState, subscription: SubscriptionState, now: Date): void {
  for (const other of shop.subscriptions) {
    if (other !== subscription && other.status === 'ACTIVE') {
      other.status = 'CANCELLED';
      other.updatedAt = now;
    }
  }
  subscription.status = 'ACTIVE';
  subscription.activatedAt = now;
  subscription.updatedAt = now;
  const days = subscription.trialDays > 0 ? subscription.trialDays : 30;
  subscription.periodEnd = new Date(now.getTime() + days * DAY_MS);
}

export function declineSubscription(subscription: SubscriptionState, now: Date): void {
  subscription.status = 'DECLINED';
  subscription.updatedAt = now;
}

export function findSubscription(shop: ShopState, id: string): SubscriptionState | undefined {
  const parsed = parseGid(id);
  if (!parsed || parsed.type !== 'AppSubscription') return undefined;
  return shop.subscriptions.find((subscription) => subscription.id === parsed.id);
}

export function cancelSubscription(shop: ShopState, args: { id: string }, now: Date) {
  const subscription = findSubscription(shop, args.id);
  if (!subscription)
    return { appSubscription: null, userErrors: [{ field: ['id'], message: 'Subscription not found' }] };
  if (!['ACTIVE', 'PENDING', 'FROZEN', 'ACCEPTED'].includes(subscription.status)) {
    return {
      appSubscription: null,
      userErrors: [
        { field: ['id'], message: `Cannot cancel a ${subscription.status.toLowerCase()} subscription` },
      ],
    };
  }
  subscription.status = 'CANCELLED';
  subscription.updatedAt = now;
  return { appSubscription: subscriptionView(subscription), userErrors: [] };
}

export function installationView(shop: ShopState) {
  return {
    id: gid('AppInstallation', shop.id),
    activeSubscriptions: shop.subscriptions
      .filter((subscription) => subscription.status === 'ACTIVE')
      .map(subscriptionView),
    oneTimePurchases: () => ({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    }),
  };
}

/** The body Shopify sends on `app_subscriptions/update`. */
export function appSubscriptionWebhookPayload(shop: ShopState, subscription: SubscriptionState) {
  const line = subscription.lineItems[0];
  return {
    app_subscription: {
      admin_graphql_api_id: gid('AppSubscription', subscription.id),
      name: subscription.name,
      status: subscription.status,
      admin_graphql_api_shop_id: gid('Shop', shop.id),
      created_at: subscription.createdAt.toISOString(),
      updated_at: subscription.updatedAt.toISOString(),
      currency: line?.currencyCode ?? 'USD',
      capped_amount: null,
      price: line?.amount ?? '0.0',
      interval: (line?.interval ?? 'EVERY_30_DAYS').toLowerCase(),
      plan_handle: null,
    },
  };
}
