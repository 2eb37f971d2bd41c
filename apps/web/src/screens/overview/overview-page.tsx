import { Banner, BlockStack, Card, EmptyState, Layout, Page } from '@shopify/polaris';
import { useState } from 'react';
import { ErrorPage, LoadingPage } from '../../components/page-states';
import { useI18n } from '../../i18n/i18n';
import { useApi, useRuntime } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';
import { StoreCard } from './store-card';

/** `/app/`: every store of the account with its connection, automation and subscription. */
export function OverviewPage() {
  const api = useApi();
  const { t } = useI18n();
  const { state, reload } = useLoad(() => api.listStores(), [api]);
  const title = t('overview.title');

  if (state.status === 'loading') return <LoadingPage title={title} />;
  if (state.status === 'error') return <ErrorPage title={title} error={state.error} onRetry={reload} />;
  const stores = state.data;
  return (
    <Page title={title}>
      <Layout>
        <Layout.Section>
          {stores.length === 0 ? (
            <NoStore />
          ) : (
            <BlockStack gap="400">
              {stores.map((store) => (
                <StoreCard key={store.id} store={store} />
              ))}
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** Empty state; the account area can hand out a code for the WordPress plugin. */
function NoStore() {
  const api = useApi();
  const { mode } = useRuntime();
  const { t, formatDateTime } = useI18n();
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const requestCode = async () => {
    setBusy(true);
    setError(null);
    try {
      setCode(await api.createConnectionCode());
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  const action =
    mode === 'standalone'
      ? { content: t('overview.connectionCode.action'), onAction: requestCode, loading: busy }
      : undefined;
  return (
    <Card>
      <EmptyState heading={t('overview.empty.heading')} action={action} image="">
        <BlockStack gap="300">
          <p>{t('overview.empty.body')}</p>
          {code && (
            <Banner tone="info">
              <p>
                {t('overview.connectionCode.result', {
                  code: code.code,
                  date: formatDateTime(code.expiresAt),
                })}
              </p>
            </Banner>
          )}
          {error && (
            <Banner tone="critical">
              <p>{t('common.saveError', { message: error })}</p>
            </Banner>
          )}
        </BlockStack>
      </EmptyState>
    </Card>
  );
}
