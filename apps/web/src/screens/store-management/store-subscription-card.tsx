import { Banner, BlockStack, Card, InlineStack, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { CancellationResult, StoreSummary, Subscription } from '../../api/types';
import { StoreStateBadge } from '../../components/store-badges';
import { useToast } from '../../components/toast';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';
import { SubscriptionSummary } from '../overview/subscription-summary';
import { CancelSubscriptionForm } from './cancel-subscription-form';
import { CancellationResultBanner } from './cancellation-result';
import { RefundRequest } from './refund-request';

const cancellable: ReadonlySet<Subscription['status']> = new Set(['trial', 'active', 'frozen']);

function isPendingCancellation(subscription: Subscription): boolean {
  return subscription.status === 'pending_cancellation' || subscription.cancelAtPeriodEnd;
}

/** One store in Store management: its subscription and everything the owner can do about it. */
export function StoreSubscriptionCard(props: {
  store: StoreSummary;
  onChange: (store: StoreSummary) => void;
}) {
  const { t, formatDate } = useI18n();
  const { store } = props;
  const subscription = store.subscription;
  const [result, setResult] = useState<CancellationResult | null>(null);
  const formId = `cancel-form-${store.id}`;

  const replaceSubscription = (next: Subscription) => props.onChange({ ...store, subscription: next });
  const stillBilled = subscription?.stillBilled === true && store.state !== 'connected';
  const focusForm = () => {
    const form = document.getElementById(formId);
    form?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    form?.querySelector<HTMLInputElement>('input')?.focus();
  };

  const headingId = `subscription-${store.id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <BlockStack gap="400">
          <InlineStack gap="200" align="space-between" blockAlign="center" wrap>
            <Text as="h2" variant="headingMd" breakWord id={headingId}>
              {store.domain}
            </Text>
            <InlineStack gap="200">
              <Text as="span" tone="subdued">
                {t(`platform.${store.platform}`)}
              </Text>
              <StoreStateBadge state={store.state} />
            </InlineStack>
          </InlineStack>
          {stillBilled && subscription && !isPendingCancellation(subscription) && (
            <Banner
              tone="critical"
              title={t('stores.stillBilled.title', { date: formatDate(subscription.nextChargeAt) })}
              action={{ content: t('stores.stillBilled.action'), onAction: focusForm }}
            >
              <p>{t('stores.stillBilled.body', { domain: store.domain })}</p>
            </Banner>
          )}
          {result && <CancellationResultBanner result={result} />}
          <SubscriptionSummary subscription={subscription} />
          {subscription && (
            <SubscriptionActions
              store={store}
              subscription={subscription}
              formId={formId}
              onSubscription={replaceSubscription}
              onCancelled={(cancelled) => {
                setResult(cancelled.result);
                replaceSubscription(cancelled.subscription);
              }}
            />
          )}
        </BlockStack>
      </Card>
    </section>
  );
}

interface SubscriptionActionsProps {
  store: StoreSummary;
  subscription: Subscription;
  formId: string;
  onSubscription: (subscription: Subscription) => void;
  onCancelled: Parameters<typeof CancelSubscriptionForm>[0]['onCancelled'];
}

function SubscriptionActions(props: SubscriptionActionsProps) {
  const { t } = useI18n();
  const { subscription } = props;
  if (subscription.provider === 'shopify') return <Text as="p">{t('stores.shopifyManaged')}</Text>;
  if (isPendingCancellation(subscription)) {
    return (
      <BlockStack gap="300">
        <PendingCancellation subscription={subscription} onSubscription={props.onSubscription} />
        <RefundRequest subscriptionId={subscription.id} />
      </BlockStack>
    );
  }
  if (cancellable.has(subscription.status)) {
    return (
      <div id={props.formId}>
        <CancelSubscriptionForm
          store={props.store}
          subscription={subscription}
          onCancelled={props.onCancelled}
        />
      </div>
    );
  }
  return (
    <BlockStack gap="300">
      <Text as="p">{t('stores.ended')}</Text>
      {subscription.status === 'cancelled' && <RefundRequest subscriptionId={subscription.id} />}
    </BlockStack>
  );
}

function PendingCancellation(props: {
  subscription: Subscription;
  onSubscription: (s: Subscription) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t, formatDate } = useI18n();
  const [busy, setBusy] = useState(false);
  const { subscription } = props;
  const undo = async () => {
    setBusy(true);
    try {
      props.onSubscription(await api.undoCancel(subscription.id));
      toast(t('stores.pending.undone'));
    } catch (cause) {
      toast(t('common.saveError', { message: cause instanceof Error ? cause.message : String(cause) }), {
        error: true,
      });
      setBusy(false);
    }
  };
  const endsAt = subscription.billingEndsAt ?? subscription.currentPeriodEnd;
  return (
    <Banner
      tone="warning"
      title={t('stores.pending.title', { date: formatDate(endsAt) })}
      action={{ content: t('stores.pending.undo'), onAction: undo, loading: busy }}
    >
      <p>{t('stores.pending.body')}</p>
    </Banner>
  );
}
