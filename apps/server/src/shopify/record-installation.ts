import { randomUUID } from 'node:crypto';
import { LifecycleSources, Platforms, StoreStates } from '@dropship/core';
import type { Clock, Repositories, Store } from '@dropship/core';
import { ingestEvent, markStoreConnected } from '@dropship/lifecycle';
import type { Queues } from '@dropship/queues';
import type { InstallResult, ShopifyAdapter } from '@dropship/shopify';
import type { Logger } from 'pino';

export interface RecordInstallationDeps {
  repos: Repositories;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'unscheduleOrderSync'>;
  clock: Clock;
  shopify: Pick<ShopifyAdapter, 'adminGraphql'>;
  log: Logger;
}

interface ShopIdentity {
  id: string;
  name: string;
  email: string | null;
}

const SHOP_QUERY = `#graphql
  query ShopIdentity { shop { id name email } }
`;

/** The shop's id and e-mail: the products-left message must reach the merchant after the token is revoked. */
async function readShop(deps: RecordInstallationDeps, install: InstallResult): Promise<ShopIdentity | null> {
  try {
    const data = await deps.shopify.adminGraphql<{ shop: ShopIdentity }>({
      session: { shop: install.shop, accessToken: install.accessToken },
      query: SHOP_QUERY,
      operation: 'read shop identity',
    });
    return data.shop;
  } catch (error) {
    // Not worth failing an install for: the next app load can read it again.
    deps.log.warn({ err: error, shop: install.shop }, 'could not read the shop identity after install');
    return null;
  }
}

async function findOrCreateStore(
  deps: RecordInstallationDeps,
  shop: string,
  at: Date,
  name: string,
): Promise<Store> {
  const existing = await deps.repos.stores.findByDomain(Platforms.shopify, shop);
  const accountId = existing?.accountId ?? (await deps.repos.accounts.create({ name })).id;
  if (existing === null) {
    return deps.repos.stores.create({
      accountId,
      platform: Platforms.shopify,
      domain: shop,
      state: StoreStates.connected,
      installedAt: at,
      automationEnabled: true,
    });
  }
  if (existing.accountId === null) await deps.repos.stores.update(existing.id, { accountId });
  return { ...existing, accountId };
}

/**
 * After OAuth: the store (created, or brought back by a reinstall) and its
 * account, a fresh offline session (token encrypted by the repository), the
 * shop's id and contact, and a `shopify_install` lifecycle event whose job
 * reopens order automation.
 */
export async function recordInstallation(
  deps: RecordInstallationDeps,
  install: InstallResult,
  correlationId: string | null,
): Promise<Store> {
  const at = deps.clock.now();
  const identity = await readShop(deps, install);
  const store = await findOrCreateStore(deps, install.shop, at, identity?.name ?? install.shop);
  // The latest install wins at once: a late app/uninstalled of the previous install is then ignored.
  await markStoreConnected(deps.repos, store, at, LifecycleSources.shopifyInstall);
  // A reinstall starts from a fresh session: nothing of the revoked one is reused.
  await deps.repos.shopifySessions.deleteByShop(install.shop);
  await deps.repos.shopifySessions.store(install.record);
  if (identity) {
    await deps.repos.stores.setCredentials(store.id, { shopId: identity.id, contactEmail: identity.email });
  }
  await ingestEvent(deps, {
    channel: 'shopify',
    deliveryId: `install-${randomUUID()}`,
    storeId: store.id,
    source: LifecycleSources.shopifyInstall,
    topic: 'app/installed',
    triggeredAt: at,
    payload: { scopes: install.scopes },
    correlationId,
  });
  return (await deps.repos.stores.findById(store.id)) ?? store;
}
