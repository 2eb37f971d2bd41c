import { Banner, Frame, Navigation, Page, Select, TopBar } from '@shopify/polaris';
import { createElement, useCallback, useState } from 'react';
import { ToastProvider } from './components/toast';
import { useI18n } from './i18n/i18n';
import type { Locale } from './i18n/locale';
import { Locales } from './i18n/locale';
import { useRouter } from './router/router';
import { pathFor } from './router/routes';
import { useRuntime } from './runtime/runtime-context';
import { Screen } from './screen';

/** Embedded: the admin draws the chrome and App Bridge's nav menu. Standalone: our top bar and navigation. */
export function AppFrame() {
  const { mode } = useRuntime();
  const { t } = useI18n();
  if (mode === 'bridge-missing') {
    return (
      <Frame>
        <Page title={t('app.title')}>
          <Banner tone="critical" title={t('common.bridgeMissing')}>
            <p>{t('common.bridgeMissingBody')}</p>
          </Banner>
        </Page>
      </Frame>
    );
  }
  if (mode === 'embedded') {
    return (
      <Frame>
        <EmbeddedNavMenu />
        <ToastProvider>
          <Screen />
        </ToastProvider>
      </Frame>
    );
  }
  return <StandaloneFrame />;
}

/** App Bridge's `<ui-nav-menu>`: links shown in the admin's sidebar; the first, rel="home", is the app root. */
function EmbeddedNavMenu() {
  const { t } = useI18n();
  return createElement(
    'ui-nav-menu',
    null,
    <a href={pathFor({ name: 'overview' })} rel="home">
      {t('nav.overview')}
    </a>,
    <a href={pathFor({ name: 'account' })}>{t('nav.account')}</a>,
  );
}

function StandaloneFrame() {
  const { t } = useI18n();
  const { pathname } = useRouter();
  const [mobileNavigationActive, setMobileNavigationActive] = useState(false);
  const toggleNavigation = useCallback(() => setMobileNavigationActive((active) => !active), []);
  const closeNavigation = useCallback(() => setMobileNavigationActive(false), []);

  const topBar = (
    <TopBar showNavigationToggle onNavigationToggle={toggleNavigation} secondaryMenu={<LanguageSwitch />} />
  );
  const navigation = (
    <Navigation location={pathname} ariaLabelledBy="app-navigation-label">
      <Navigation.Section
        title={t('app.title')}
        items={[
          {
            url: pathFor({ name: 'overview' }),
            label: t('nav.overview'),
            exactMatch: true,
            onClick: closeNavigation,
          },
        ]}
      />
      <Navigation.Section
        title={t('nav.settings')}
        items={[
          {
            url: pathFor({ name: 'storeManagement' }),
            label: t('nav.storeManagement'),
            onClick: closeNavigation,
          },
          { url: pathFor({ name: 'account' }), label: t('nav.account'), onClick: closeNavigation },
        ]}
      />
    </Navigation>
  );
  return (
    <Frame
      topBar={topBar}
      navigation={navigation}
      showMobileNavigation={mobileNavigationActive}
      onNavigationDismiss={closeNavigation}
    >
      <span id="app-navigation-label" hidden>
        {t('app.title')}
      </span>
      <ToastProvider>
        <Screen />
      </ToastProvider>
    </Frame>
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', height: '100%', paddingInline: 'var(--p-space-200)' }}
    >
      <Select
        label={t('language.label')}
        labelInline
        options={Locales.map((value) => ({ value, label: t(`language.${value}`) }))}
        value={locale}
        onChange={(value) => setLocale(value as Locale)}
      />
    </div>
  );
}
