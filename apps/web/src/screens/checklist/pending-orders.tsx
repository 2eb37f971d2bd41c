import { Banner, BlockStack, Link, List, SkeletonBodyText, Text } from '@shopify/polaris';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';

/** Orders still waiting, each linked to the store admin, so none is left behind. */
export function PendingOrders(props: { storeId: string }) {
  const api = useApi();
  const { t, tn, formatDate } = useI18n();
  const { state, reload } = useLoad(() => api.pendingOrders(props.storeId), [api, props.storeId]);

  if (state.status === 'loading') return <SkeletonBodyText lines={2} />;
  if (state.status === 'error') {
    return (
      <Banner tone="warning" action={{ content: t('common.retry'), onAction: reload }}>
        <p>{t('checklist.pendingOrders.loadError', { message: state.error.message })}</p>
      </Banner>
    );
  }
  const orders = state.data;
  // Statuses the API may add later are shown as sent rather than hidden.
  const statusLabel = (status: string) =>
    status === 'pending' ? t('checklist.pendingOrders.status.pending') : status;
  if (orders.length === 0) return <Text as="p">{t('checklist.pendingOrders.none')}</Text>;
  return (
    <BlockStack gap="200">
      <Text as="p" tone="caution" fontWeight="semibold">
        {tn('checklist.pendingOrders.count', orders.length)}
      </Text>
      <List type="bullet">
        {orders.map((order) => (
          <List.Item key={order.id}>
            {order.adminUrl ? (
              <Link
                url={order.adminUrl}
                target="_blank"
                accessibilityLabel={t('checklist.pendingOrders.open', { name: order.name })}
              >
                {order.name}
              </Link>
            ) : (
              order.name
            )}{' '}
            — {formatDate(order.createdAt)} — {statusLabel(order.status)}
          </List.Item>
        ))}
      </List>
    </BlockStack>
  );
}
