import { ErrorKinds, LifecycleSources, Platforms, isDomainError } from '@dropship/core';
import { startPlatformSubscription } from '@dropship/billing';
import type { Repositories, Store } from '@dropship/core';
import { ingestEvent } from '@dropship/lifecycle';
import { billingDepsOf } from '../account';
import { ServerError } from '../errors';
import type { ServerDeps } from '../server-deps';
import { newSecret, normaliseSiteUrl, storeDomainOf } from './site-identity';

export interface ConnectSiteKeys {
  keyId: number;
  keyPermissions: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface ConnectSiteParams {
  siteUrl: string;
  /** The account a connection code belongs to; null for the key flow (found or created from `ownerEmail`). */
  accountId: string | null;
  ownerEmail: string | null;
  keys: ConnectSiteKeys | null;
  at: Date;
}

export interface ConnectSiteResult {
  store: Store;
  siteSecret: string;
  /** True when the store row was created now; false for a site connecting again. */
  created: boolean;
}

/**
 * The plugin dates its events to the second: a connection dated to the
 * millisecond would make a deactivation in the same second look older than it.
 */
function floorToSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

async function resolveAccountId(repos: Repositories, params: ConnectSiteParams, existing: Store | null) {
  if (params.accountId) {
    if (existing?.accountId && existing.accountId !== params.accountId) {
      throw new ServerError(
        ErrorKinds.conflict,
        'This site is connected to another account. Its owner can disconnect it, or contact support.',
      );
    }
    return params.accountId;
  }
  if (existing?.accountId) return existing.accountId;
  const email = params.ownerEmail?.trim().toLowerCase() ?? null;
  const known = email ? await repos.accounts.findByEmail(email) : null;
  return (known ?? (await repos.accounts.create({ email }))).id;
}

async function findOrCreateStore(repos: Repositories, domain: string, accountId: string, at: Date) {
  const existing = await repos.stores.findByDomain(Platforms.woocommerce, domain);
  if (existing) {
    if (existing.accountId !== accountId) await repos.stores.update(existing.id, { accountId });
    return { store: { ...existing, accountId }, created: false };
  }
  const store = await repos.stores.create({
    platform: Platforms.woocommerce,
    domain,
    accountId,
    state: 'connected',
    installedAt: floorToSecond(at),
  });
  return { store, created: true };
}

/**
 * Writes a finished connection inside `repos` (the caller's transaction): the
 * account, the store, a fresh site secret, the REST keys when there are any,
 * and the site's link. The platform subscription starts after the commit
 * (recordConnection): it schedules a renewal in Redis, outside the transaction.
 */
export async function connectSite(
  deps: ServerDeps,
  repos: Repositories,
  params: ConnectSiteParams,
): Promise<ConnectSiteResult> {
  const siteUrl = normaliseSiteUrl(params.siteUrl);
  const domain = storeDomainOf(siteUrl);
  const existing = await repos.stores.findByDomain(Platforms.woocommerce, domain);
  const accountId = await resolveAccountId(repos, params, existing);
  const { store, created } = await findOrCreateStore(repos, domain, accountId, params.at);
  const siteSecret = newSecret();
  await repos.stores.setCredentials(store.id, {
    siteSecret,
    heartbeatAt: params.at,
    ...(params.ownerEmail ? { contactEmail: params.ownerEmail } : {}),
    ...(params.keys
      ? { wcConsumerKey: params.keys.consumerKey, wcConsumerSecret: params.keys.consumerSecret }
      : {}),
  });
  const link = await repos.wooStores.findByStore(store.id);
  await repos.wooStores.save({
    storeId: store.id,
    siteUrl,
    ...(params.keys ? { keyId: params.keys.keyId, keyPermissions: params.keys.keyPermissions } : {}),
    ...(link ? {} : { webhookSecret: newSecret() }),
    at: params.at,
  });
  await repos.audit.append({
    actorType: 'platform',
    action: created ? 'store.connected' : 'store.reconnected',
    entityType: 'store',
    entityId: store.id,
    details: { via: params.keys ? 'woocommerce_key_flow' : 'connection_code', siteUrl },
    at: params.at,
  });
  return { store, siteSecret, created };
}

/**
 * Starts the monthly platform subscription unless one is running (a plugin
 * removal never ended it; a reconnection does not start a second one).
 */
async function startSubscription(deps: ServerDeps, store: Store): Promise<void> {
  const { billing } = deps.config;
  try {
    await startPlatformSubscription(billingDepsOf(deps), {
      storeId: store.id,
      plan: {
        planName: billing.planName,
        price: { amountMinor: billing.amountMinor, currency: billing.currency },
        trialDays: billing.trialDays,
      },
    });
  } catch (error) {
    deps.log.error(
      { err: isDomainError(error) ? error.message : String(error), storeId: store.id },
      'platform subscription not started for a connected store: start it from the ops view',
    );
  }
}

/**
 * The connection is the site's activation (the plugin sends no `activated` for
 * activations before it): the platform subscription starts, and a
 * `wp_connected` event's job opens order automation, as a Shopify install's
 * does: it brings a disconnected store back, schedules the order sync and
 * subscribes the site's webhooks (new stores too). The connection is
 * already committed, so failures here are logged, not thrown: a recorded but
 * unqueued event is picked up by the recovery sweep.
 */
export async function recordConnection(
  deps: ServerDeps,
  store: Store,
  reference: string,
  correlationId: string | null,
): Promise<void> {
  await startSubscription(deps, store);
  try {
    await ingestEvent(deps, {
      channel: 'wp_bridge',
      deliveryId: `connected:${reference}`,
      storeId: store.id,
      source: LifecycleSources.wpConnected,
      topic: 'wp.connected',
      triggeredAt: floorToSecond(deps.clock.now()),
      payload: { reference },
      correlationId,
    });
  } catch (error) {
    deps.log.warn(
      { err: isDomainError(error) ? error.message : String(error), storeId: store.id },
      'connection event not queued yet; the recovery sweep retries it',
    );
  }
}
