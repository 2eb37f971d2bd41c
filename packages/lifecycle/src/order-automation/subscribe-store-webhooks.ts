import { ErrorKinds, Platforms } from '@dropship/core';
import type { EnsureWebhooksResult, Platform, Repositories, StorePlatform } from '@dropship/core';
import { PermanentJobError, skippedJob } from '@dropship/queues';
import type { SkippedJobResult, SubscribeStoreWebhooksPayload } from '@dropship/queues';
import { STORE_DISCONNECTED, isAutomationOpen } from './store-gate';
import { wooKeyProblem } from './store-keys';

export interface SubscribeStoreWebhooksDeps {
  repos: Pick<Repositories, 'stores' | 'wooStores'>;
  platforms: Partial<Record<Platform, Pick<StorePlatform, 'ensureWebhooks'>>>;
  /** The server's public URL: the store delivers to an endpoint under it. */
  publicBaseUrl: string;
}

/** Why a connection of this platform needs no subscription run. */
export const WEBHOOKS_COME_WITH_THE_APP = 'webhooks come with the app';

/**
 * Makes a connected WooCommerce store deliver its `order.created` and
 * `product.deleted` webhooks to the platform, signed with the store's webhook
 * secret. Queued at each connection and each new REST key; idempotent (the
 * site's webhooks are read first). A store that has left, or whose keys were
 * revoked, is skipped; a site that cannot be reached is retried.
 */
export async function subscribeStoreWebhooks(
  deps: SubscribeStoreWebhooksDeps,
  payload: SubscribeStoreWebhooksPayload,
): Promise<EnsureWebhooksResult | SkippedJobResult> {
  const store = await deps.repos.stores.findById(payload.storeId);
  if (!store || !isAutomationOpen(store)) return skippedJob(STORE_DISCONNECTED);
  if (store.platform !== Platforms.woocommerce) return skippedJob(WEBHOOKS_COME_WITH_THE_APP);
  const platform = deps.platforms[store.platform];
  if (!platform?.ensureWebhooks) {
    throw new PermanentJobError(
      `No ${store.platform} platform that subscribes webhooks is configured in this worker: configure it, then retry the job of store ${store.id}.`,
      ErrorKinds.invalidInput,
    );
  }
  const link = await deps.repos.wooStores.findByStore(store.id);
  if (!link) {
    throw new PermanentJobError(
      `Store ${store.id} has no WooCommerce site on record: connect the site again.`,
      ErrorKinds.notFound,
    );
  }
  const keyProblem = wooKeyProblem(link);
  if (keyProblem) return skippedJob(keyProblem);
  return platform.ensureWebhooks(store, { publicBaseUrl: deps.publicBaseUrl, secret: link.webhookSecret });
}
