import { BlockStack, InlineStack, Text } from '@shopify/polaris';
import type { Subscription } from '../../api/types';
import { SubscriptionStatusBadge } from '../../components/store-badges';
import { useI18n } from '../../i18n/i18n';

/** Provider, plan, status and what happens next with the money. */
export function SubscriptionSummary(props: { subscription: Subscription | null }) {
  const { t, formatDate, formatMoney } = useI18n();
  const subscription = props.subscription;
  if (!subscription) return <Text as="p">{t('overview.noSubscription')}</Text>;

  const endedByShopify =
    subscription.provider === 'shopify' &&
    subscription.status === 'cancelled' &&
    subscription.billingEndsAt !== null;
  const scheduledEnd = subscription.cancelAtPeriodEnd || subscription.status === 'pending_cancellation';
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center" wrap>
        <Text as="span" fontWeight="semibold">
          {t('overview.plan', { plan: subscription.planName, price: formatMoney(subscription.price) })}
        </Text>
        <SubscriptionStatusBadge status={subscription.status} />
      </InlineStack>
      <Text as="p" tone="subdued">
        {t(`provider.${subscription.provider}`)}
      </Text>
      {endedByShopify && (
        <Text as="p">{t('overview.shopifyEnded', { date: formatDate(subscription.billingEndsAt) })}</Text>
      )}
      {!endedByShopify && scheduledEnd && (
        <Text as="p">
          {t('overview.periodEndCancel', {
            date: formatDate(subscription.billingEndsAt ?? subscription.currentPeriodEnd),
          })}
        </Text>
      )}
      {!endedByShopify && !scheduledEnd && subscription.nextChargeAt && (
        <Text as="p">{t('overview.nextCharge', { date: formatDate(subscription.nextChargeAt) })}</Text>
      )}
    </BlockStack>
  );
}
