import {
  Banner,
  BlockStack,
  Card,
  EmptyState,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import type { ApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n';
import { pathFor } from '../router/routes';

/** Placeholder shown while a screen's data loads. */
export function LoadingPage(props: { title: string; cards?: number }) {
  const cards = Array.from({ length: props.cards ?? 2 }, (_, index) => index);
  return (
    <SkeletonPage title={props.title} primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {cards.map((card) => (
              <Card key={card}>
                <BlockStack gap="300">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={3} />
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** Not-found page, for unknown paths and for ids the API does not confirm. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page>
      <Card>
        <EmptyState
          heading={t('common.notFound')}
          action={{ content: t('common.backToOverview'), url: pathFor({ name: 'overview' }) }}
          image=""
        >
          <p>{t('common.notFoundBody')}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}

/** A screen whose data could not be loaded: says why and offers to try again. */
export function ErrorPage(props: { title: string; error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  if (props.error.kind === 'NOT_FOUND') return <NotFoundPage />;
  const signedOut = props.error.kind === 'UNAUTHORIZED';
  return (
    <Page title={props.title}>
      <Banner
        tone="critical"
        title={signedOut ? t('common.signedOut') : t('common.loadError')}
        action={{ content: t('common.retry'), onAction: props.onRetry }}
      >
        <Text as="p">{signedOut ? t('common.signedOutBody') : props.error.message}</Text>
      </Banner>
    </Page>
  );
}
