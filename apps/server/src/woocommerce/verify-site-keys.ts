import { ErrorKinds } from '@dropship/core';
import { createWooClient, isWooConnectorError } from '@dropship/woocommerce';

export type VerifySiteKeysResult =
  { ok: true } | { ok: false; reason: 'keys_rejected' | 'site_unreachable'; detail: string };

/**
 * Reads one product with the delivered key. The key callback is unauthenticated
 * (WooCommerce signs nothing), so a key is only believed once the site named at
 * connect/start accepts it: nobody can attach keys of their own shop to someone else's site.
 */
export async function verifySiteKeys(
  siteUrl: string,
  keys: { consumerKey: string; consumerSecret: string },
  timeoutMs: number,
): Promise<VerifySiteKeysResult> {
  try {
    const client = createWooClient({
      url: siteUrl,
      consumerKey: keys.consumerKey,
      consumerSecret: keys.consumerSecret,
      retries: 0,
      timeoutMs,
    });
    await client.listProducts({ perPage: 1 });
    return { ok: true };
  } catch (error) {
    if (
      isWooConnectorError(error) &&
      (error.kind === ErrorKinds.unauthorized || error.kind === ErrorKinds.forbidden)
    ) {
      return { ok: false, reason: 'keys_rejected', detail: error.message };
    }
    return {
      ok: false,
      reason: 'site_unreachable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
