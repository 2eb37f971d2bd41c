import { randomUUID } from 'node:crypto';
import { ErrorKinds, LifecycleSources, StoreStates } from '@dropship/core';
import type { Store } from '@dropship/core';
import { ingestEvent, markStoreConnected } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import { createBridgeClient } from '@dropship/woocommerce';
import { CliError } from '../errors';
import { DemoAccount } from './demo-account';
import type { SeedDemoDeps } from './seed-demo';
import { storeDemoShopifySession } from './seed-demo';

/** A recorded lifecycle event, by its sender's delivery id. */
export interface EventRef {
  channel: string;
  deliveryId: string;
}

export type DemoDeps = SeedDemoDeps & {
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'unscheduleOrderSync' | 'billing'>;
};

/** What the WordPress plugin sends about itself with every lifecycle event. */
export const DEMO_PLUGIN = { plugin_version: '1.0.0', wp_version: '6.8.1', wc_version: '9.9.5' } as const;

/**
 * A reinstall of the demo shop, recorded as the OAuth callback records one
 * (the demo shop cannot run Shopify's OAuth): the store back to `connected`
 * at once, a fresh offline session, and a `shopify_install` event whose job
 * reopens order automation.
 */
export async function reinstallDemoShop(deps: DemoDeps, store: Store): Promise<EventRef> {
  const at = deps.clock.now();
  await markStoreConnected(deps.repos, store, at, LifecycleSources.shopifyInstall);
  await storeDemoShopifySession(deps.repos, deps.config);
  const deliveryId = `install-${randomUUID()}`;
  await ingestEvent(deps, {
    channel: 'shopify',
    deliveryId,
    storeId: store.id,
    source: LifecycleSources.shopifyInstall,
    topic: 'app/installed',
    triggeredAt: at,
    payload: { scopes: deps.config.shopify.scopes, demo: true },
    correlationId: null,
  });
  return { channel: 'shopify', deliveryId };
}

/** A bridge client signing as the demo site, with the site secret read back (decrypted) from the store. */
export async function demoSiteClient(deps: DemoDeps, store: Store) {
  const credentials = await deps.repos.stores.getCredentials(store.id);
  if (!credentials?.siteSecret) {
    throw new CliError(
      ErrorKinds.notFound,
      `The demo WooCommerce store ${store.domain} has no site secret; restart with npm start to seed it again.`,
    );
  }
  return createBridgeClient({
    baseUrl: deps.config.appUrl,
    siteId: store.id,
    secret: credentials.siteSecret,
  });
}

export interface SiteEventResult {
  occurrenceId: string;
  status: number;
  body: unknown;
}

/** One signed lifecycle event from the demo site, as the plugin sends it. */
export async function sendSiteEvent(
  deps: DemoDeps,
  store: Store,
  type: 'activated' | 'deactivated' | 'deleted',
  reason: string | null = null,
): Promise<SiteEventResult> {
  const client = await demoSiteClient(deps, store);
  const occurrenceId = randomUUID();
  const response = await client.sendEvent({
    type,
    occurrence_id: occurrenceId,
    occurred_at: deps.clock.now().toISOString(),
    site_url: DemoAccount.wooSiteUrl,
    ...DEMO_PLUGIN,
    reason,
  });
  if (response.status !== 200) {
    throw new CliError(
      ErrorKinds.unavailable,
      `The platform refused the demo site's "${type}" event (${response.status}): ${JSON.stringify(response.body)}`,
    );
  }
  return { occurrenceId, status: response.status, body: response.body };
}

/** True when the store is connected and takes orders again. */
export function isLive(store: Store | null): boolean {
  return store?.state === StoreStates.connected && store.automationEnabled;
}
