import { BlockStack, Card, EmptyState, Layout, Page } from '@shopify/polaris';
import { ErrorPage, LoadingPage } from '../../components/page-states';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';
import { StoreSubscriptionCard } from './store-subscription-card';

/** `/app/settings/stores`: the only place a platform subscription is cancelled, by its signed-in owner. */
export function StoreManagementPage() {
  const api = useApi();
  const { t } = useI18n();
  const { state, reload, update } = useLoad(() => api.listStores(), [api]);
  const title = t('stores.title');

  if (state.status === 'loading') return <LoadingPage title={title} />;
  if (state.status === 'error') return <ErrorPage title={title} error={state.error} onRetry={reload} />;
  const stores = state.data;
  return (
    <Page title={title} subtitle={t('stores.subtitle')}>
      <Layout>
        <Layout.Section>
          {stores.length === 0 ? (
            <Card>
              <EmptyState heading={t('stores.empty.heading')} image="">
                <p>{t('stores.empty.body')}</p>
              </EmptyState>
            </Card>
          ) : (
            <BlockStack gap="400">
              {stores.map((store) => (
                <StoreSubscriptionCard
                  key={store.id}
                  store={store}
                  onChange={(next) => update((list) => list.map((s) => (s.id === next.id ? next : s)))}
                />
              ))}
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
