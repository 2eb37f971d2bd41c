import type { ApiClient } from '../api/client';
import { createApiClient } from '../api/client';
import type { Locale } from '../i18n/locale';
import { chooseLocale } from '../i18n/locale';

/** The part of App Bridge's `window.shopify` this app uses. */
export interface ShopifyGlobal {
  idToken: () => Promise<string>;
}

/**
 * embedded: inside the Shopify admin, authenticated by App Bridge session tokens.
 * standalone: the account area for WooCommerce owners, authenticated by the session cookie.
 * bridge-missing: opened with Shopify's `shop`/`host` parameters but App Bridge did not load.
 */
export type AppMode = 'embedded' | 'standalone' | 'bridge-missing';

/** What the page was opened with; read from `window` in main.tsx, built by hand in tests. */
export interface RuntimeEnvironment {
  url: URL;
  shopify: ShopifyGlobal | undefined;
  navigatorLanguages: readonly string[];
  storedLocale: string | null;
  fetch: typeof fetch;
}

export interface Runtime {
  mode: AppMode;
  locale: Locale;
  api: ApiClient;
}

/** Shopify opens embedded apps with `shop` and `host`; App Bridge then defines `window.shopify`. */
export function detectMode(env: Pick<RuntimeEnvironment, 'url' | 'shopify'>): AppMode {
  const params = env.url.searchParams;
  const openedByShopify = params.has('host') || params.has('shop');
  if (!openedByShopify) return 'standalone';
  return typeof env.shopify?.idToken === 'function' ? 'embedded' : 'bridge-missing';
}

export function createRuntime(env: RuntimeEnvironment): Runtime {
  const mode = detectMode(env);
  const shopify = env.shopify;
  const api = createApiClient({
    baseUrl: env.url.origin,
    fetch: env.fetch,
    auth:
      mode === 'embedded' && shopify
        ? { kind: 'session-token', getToken: () => shopify.idToken() }
        : { kind: 'cookie' },
  });
  const locale = chooseLocale({
    embedded: mode !== 'standalone',
    shopLocale: env.url.searchParams.get('locale'),
    storedLocale: env.storedLocale,
    navigatorLanguages: env.navigatorLanguages,
  });
  return { mode, locale, api };
}
