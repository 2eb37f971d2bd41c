import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  InlineGrid,
  InlineStack,
  Text,
} from '@shopify/polaris';
import type { StoreSummary } from '../../api/types';
import { AutomationBadge, StoreStateBadge } from '../../components/store-badges';
import { useI18n } from '../../i18n/i18n';
import { pathFor } from '../../router/routes';
import { SubscriptionSummary } from './subscription-summary';

/** One store on the overview: connection, automation, subscription and where to go next. */
export function StoreCard(props: { store: StoreSummary }) {
  const { t, tn, formatDate } = useI18n();
  const { store } = props;
  const subscription = store.subscription;
  const stillBilled = subscription?.stillBilled === true && store.state !== 'connected';

  const headingId = `store-${store.id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <BlockStack gap="400">
          <InlineStack gap="200" align="space-between" blockAlign="center" wrap>
            <Text as="h2" variant="headingMd" breakWord id={headingId}>
              {store.domain}
            </Text>
            <Text as="span" tone="subdued">
              {t(`platform.${store.platform}`)}
            </Text>
          </InlineStack>
          {stillBilled && subscription && (
            <Banner
              tone="critical"
              title={t('overview.stillBilled', { date: formatDate(subscription.nextChargeAt) })}
              action={{ content: t('overview.cancelHere'), url: pathFor({ name: 'storeManagement' }) }}
            >
              <p>{t('overview.stillBilledBody')}</p>
            </Banner>
          )}
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t('overview.connection')}
              </Text>
              <Box>
                <StoreStateBadge state={store.state} />
              </Box>
              {store.disconnectedAt && (
                <Text as="p" tone="subdued">
                  {t('overview.disconnectedOn', { date: formatDate(store.disconnectedAt) })}
                </Text>
              )}
            </BlockStack>
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t('overview.automation')}
              </Text>
              <Box>
                <AutomationBadge enabled={store.automationEnabled} />
              </Box>
              {store.pendingOrders.count > 0 && (
                <Text as="p">{tn('overview.pendingOrders', store.pendingOrders.count)}</Text>
              )}
            </BlockStack>
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {t('overview.subscription')}
              </Text>
              <SubscriptionSummary subscription={subscription} />
            </BlockStack>
          </InlineGrid>
          <InlineStack gap="200" align="space-between" blockAlign="center" wrap>
            <Text as="p" tone="subdued">
              {t('overview.productsLeft', {
                removed: store.productsLeft.removed,
                total: store.productsLeft.total,
              })}
            </Text>
            <ButtonGroup>
              {store.state === 'connected' && (
                <Button url={pathFor({ name: 'checklist', storeId: store.id })}>
                  {t('overview.checklistLink')}
                </Button>
              )}
              <Button url={pathFor({ name: 'productsLeft', storeId: store.id })}>
                {t('overview.productsLeftLink')}
              </Button>
            </ButtonGroup>
          </InlineStack>
        </BlockStack>
      </Card>
    </section>
  );
}
