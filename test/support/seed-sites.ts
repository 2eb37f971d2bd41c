import { randomBytes } from 'node:crypto';
import type { Repositories, Store } from '@dropship/core';

/**
 * A connected WooCommerce site as the bridge's connect step leaves it: its
 * site secret, a heartbeat at install, and the platform's monthly
 * subscription (active), which every bridge answer reports.
 */
export async function seedPluginSite(
  repos: Pick<Repositories, 'stores' | 'subscriptions'>,
  domain: string,
  installedAt: Date,
): Promise<{ store: Store; secret: string }> {
  const store = await repos.stores.create({ platform: 'woocommerce', domain, installedAt });
  const secret = randomBytes(32).toString('base64url');
  await repos.stores.setCredentials(store.id, { siteSecret: secret, heartbeatAt: installedAt });
  await repos.subscriptions.create({
    storeId: store.id,
    provider: 'platform',
    planName: 'Growth',
    priceMinor: 2900,
    currency: 'EUR',
    status: 'active',
    currentPeriodStart: installedAt,
    currentPeriodEnd: new Date(installedAt.getTime() + 30 * 86_400_000),
  });
  return { store, secret };
}
