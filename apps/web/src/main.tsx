import '@shopify/polaris/build/esm/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { LOCALE_STORAGE_KEY } from './i18n/locale';
import type { ShopifyGlobal } from './runtime/runtime';
import { createRuntime } from './runtime/runtime';

declare global {
  interface Window {
    /** Defined by App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js) inside the Shopify admin. */
    shopify?: ShopifyGlobal;
  }
}

/** Sandboxed frames and blocked cookies make `localStorage` throw on access. */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = localStorageOrNull();

const runtime = createRuntime({
  url: new URL(window.location.href),
  shopify: window.shopify,
  navigatorLanguages: navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  storedLocale: storage?.getItem(LOCALE_STORAGE_KEY) ?? null,
  fetch: window.fetch.bind(window),
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">.');
createRoot(container).render(
  <StrictMode>
    <App runtime={runtime} storage={storage ?? undefined} />
  </StrictMode>,
);
