import { AppProvider } from '@shopify/polaris';
import polarisEn from '@shopify/polaris/locales/en.json';
import polarisFr from '@shopify/polaris/locales/fr.json';
import { useCallback, useEffect, useState } from 'react';
import { AppFrame } from './app-frame';
import { I18nProvider } from './i18n/i18n';
import type { Locale } from './i18n/locale';
import { LOCALE_STORAGE_KEY } from './i18n/locale';
import { AppLink, RouterProvider } from './router/router';
import type { Runtime } from './runtime/runtime';
import { RuntimeProvider } from './runtime/runtime-context';

const polarisTranslations = { en: polarisEn, fr: polarisFr } as const;

export interface AppProps {
  runtime: Runtime;
  /** Where the standalone language switch remembers the choice; absent, the choice lasts for the page. */
  storage?: Pick<Storage, 'setItem'>;
}

/** The whole merchant app: providers, frame and the screen of the current path. */
export function App(props: AppProps) {
  const { runtime, storage } = props;
  const [locale, setLocaleState] = useState<Locale>(runtime.locale);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      try {
        storage?.setItem(LOCALE_STORAGE_KEY, next);
      } catch {
        // Storage can be disabled (private mode, blocked cookies): the switch still works for this page.
      }
    },
    [storage],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <RouterProvider>
      <AppProvider i18n={polarisTranslations[locale]} linkComponent={AppLink}>
        <RuntimeProvider mode={runtime.mode} api={runtime.api}>
          <I18nProvider locale={locale} setLocale={setLocale}>
            <AppFrame />
          </I18nProvider>
        </RuntimeProvider>
      </AppProvider>
    </RouterProvider>
  );
}
