import { BlockStack, Button, Card, List, Text } from '@shopify/polaris';
import type { StoreSummary } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { pathFor } from '../../router/routes';

/** What disconnecting does and does not do, for this store's platform (help-centre facts). */
export function DisconnectEffects(props: { store: StoreSummary }) {
  const { t } = useI18n();
  const { store } = props;
  const shopify = store.platform === 'shopify';
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('checklist.effects.title')}
        </Text>
        <Text as="p">{t(shopify ? 'checklist.effects.shopifySteps' : 'checklist.effects.wooSteps')}</Text>
        <Text as="h3" variant="headingSm">
          {t('checklist.effects.will')}
        </Text>
        <List type="bullet">
          <List.Item>{t('checklist.effects.connectionStops')}</List.Item>
          <List.Item>{t('checklist.effects.automationStops')}</List.Item>
          {shopify && <List.Item>{t('checklist.effects.shopifyBilling')}</List.Item>}
        </List>
        <Text as="h3" variant="headingSm">
          {t('checklist.effects.willNot')}
        </Text>
        <List type="bullet">
          <List.Item>{t('checklist.effects.productsStay')}</List.Item>
          {!shopify && <List.Item>{t('checklist.effects.wooBilling')}</List.Item>}
        </List>
        <BlockStack gap="200" inlineAlign="start">
          <Button variant="plain" url={pathFor({ name: 'productsLeft', storeId: store.id })}>
            {t('checklist.effects.productsLink')}
          </Button>
          {!shopify && (
            <Button variant="plain" url={pathFor({ name: 'storeManagement' })}>
              {t('checklist.effects.manageSubscription')}
            </Button>
          )}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
