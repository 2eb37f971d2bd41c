import { graphql } from 'graphql';

import { cancelSubscription, createSubscription, findSubscription, installationView } from './billing';
import type { CreateSubscriptionArgs } from './billing';
import { createProduct, filterOrders, setProduct } from './catalog';
import type { ProductInput } from './catalog';
import { adminSchema } from './schema';
import type { OrderState, ShopState, StandInState } from './state';
import { gid, orderView, paginate, parseGid, productView, subscriptionView } from './views';

export interface GraphqlContext {
  state: StandInState;
  shop: ShopState;
  app: { apiKey: string; apiSecret: string };
  now: () => Date;
}

function sortOrders(
  orders: OrderState[],
  sortKey: string | undefined,
  reverse: boolean | undefined,
): OrderState[] {
  const key = (order: OrderState) =>
    sortKey === 'UPDATED_AT'
      ? order.updatedAt.getTime()
      : sortKey === 'CREATED_AT'
        ? order.createdAt.getTime()
        : order.id;
  const sorted = [...orders].sort((a, b) => key(a) - key(b) || a.id - b.id);
  return reverse ? sorted.reverse() : sorted;
}

function findNode({ shop }: GraphqlContext, id: string) {
  const parsed = parseGid(id);
  if (!parsed) return null;
  if (parsed.type === 'AppSubscription') {
    const subscription = findSubscription(shop, id);
    return subscription ? subscriptionView(subscription) : null;
  }
  if (parsed.type === 'Product') {
    const product = shop.products.find((candidate) => candidate.id === parsed.id);
    return product ? productView(shop, product) : null;
  }
  if (parsed.type === 'Order') {
    const order = shop.orders.find((candidate) => candidate.id === parsed.id);
    return order ? orderView(shop, order) : null;
  }
  return null;
}

const rootValue = {
  shop: (_: unknown, { shop }: GraphqlContext) => ({
    id: gid('Shop', shop.id),
    name: shop.name,
    email: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currency,
  }),
  currentAppInstallation: (_: unknown, { shop }: GraphqlContext) => installationView(shop),
  node: ({ id }: { id: string }, context: GraphqlContext) => findNode(context, id),
  product: ({ id }: { id: string }, context: GraphqlContext) =>
    parseGid(id)?.type === 'Product' ? findNode(context, id) : null,
  order: ({ id }: { id: string }, context: GraphqlContext) =>
    parseGid(id)?.type === 'Order' ? findNode(context, id) : null,
  orders: (
    args: { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean },
    { shop }: GraphqlContext,
  ) => {
    const orders = sortOrders(filterOrders(shop.orders, args.query), args.sortKey, args.reverse);
    const page = paginate(orders, args.first, args.after);
    const nodes = page.items.map((order) => orderView(shop, order));
    return {
      nodes,
      edges: nodes.map((node, i) => ({ node, cursor: page.cursorOf(page.items[i] as OrderState) })),
      pageInfo: page.pageInfo,
    };
  },
  appSubscriptionCreate: (args: CreateSubscriptionArgs, { state, shop, app, now }: GraphqlContext) =>
    createSubscription(state, shop, args, app, now()),
  appSubscriptionCancel: (args: { id: string }, { shop, now }: GraphqlContext) =>
    cancelSubscription(shop, args, now()),
  productSet: (args: { input: ProductInput }, { state, shop, now }: GraphqlContext) =>
    setProduct(state, shop, args.input, now()),
  productCreate: (
    args: { product?: ProductInput; media?: Array<{ originalSource: string }> },
    { state, shop, now }: GraphqlContext,
  ) => createProduct(state, shop, args, now()),
};

/** Executes one Admin GraphQL request against the schema, as `POST /admin/api/<version>/graphql.json`. */
export async function executeAdminGraphql(
  body: { query?: unknown; variables?: unknown; operationName?: unknown },
  context: GraphqlContext,
) {
  if (typeof body.query !== 'string') return { errors: [{ message: 'Parameter Missing or Invalid: query' }] };
  return graphql({
    schema: adminSchema,
    source: body.query,
    rootValue,
    contextValue: context,
    variableValues: (body.variables as Record<string, unknown> | undefined) ?? null,
    operationName: typeof body.operationName === 'string' ? body.operationName : null,
  });
}
