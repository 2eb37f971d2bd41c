import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app';
import type { FakeApi } from './fake-api';
import { createRuntime } from '../runtime/runtime';

export interface RenderAppOptions {
  path: string;
  api: FakeApi;
  /** Embedded opens the app as the Shopify admin does: `shop`, `host`, `locale` and App Bridge. */
  embedded?: boolean;
  /** Browser language (standalone) or the admin's `locale` parameter (embedded). */
  language?: string;
}

/** Renders the whole app at `path`, talking to `api` through `fetch`, as main.tsx does with `window`. */
export function renderApp(options: RenderAppOptions) {
  const language = options.language ?? 'en';
  const url = new URL(options.path, 'http://localhost');
  if (options.embedded) {
    url.searchParams.set('shop', 'acme.myshopify.com');
    url.searchParams.set('host', 'YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYWNtZQ');
    url.searchParams.set('locale', language);
  }
  window.history.replaceState(null, '', url.pathname + url.search);
  const runtime = createRuntime({
    url,
    shopify: options.embedded ? { idToken: async () => 'header.payload.signature' } : undefined,
    navigatorLanguages: [language],
    storedLocale: null,
    fetch: options.api.fetch,
  });
  const user = userEvent.setup();
  const stored = new Map<string, string>();
  const result = render(<App runtime={runtime} storage={{ setItem: (k, v) => void stored.set(k, v) }} />);
  return { ...result, user, stored };
}
