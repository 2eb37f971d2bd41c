import { Banner, BlockStack, Text } from '@shopify/polaris';
import type { CancellationResult } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** What the cancellation did: when it ends, and what became of an open renewal invoice. */
export function CancellationResultBanner(props: { result: CancellationResult }) {
  const { t, formatDate } = useI18n();
  const { result } = props;
  const title =
    result.outcome === 'cancelled'
      ? t('result.cancelled')
      : t('result.scheduled', { date: formatDate(result.endsAt) });
  return (
    <Banner tone="success" title={title}>
      <BlockStack gap="200">
        {result.message && <Text as="p">{result.message}</Text>}
        <InvoiceOutcome result={result} />
      </BlockStack>
    </Banner>
  );
}

function InvoiceOutcome(props: { result: CancellationResult }) {
  const { t } = useI18n();
  const { invoice, billingTeamRequest } = props.result;
  if (!invoice) return null;
  if (invoice.voided) return <Text as="p">{t('result.invoiceVoided', { number: invoice.number })}</Text>;
  return (
    <Text as="p" fontWeight="semibold">
      {billingTeamRequest
        ? t('result.invoiceNotVoided', { number: invoice.number, request: billingTeamRequest.id })
        : t('result.invoiceNotVoidedNoRequest', { number: invoice.number })}
    </Text>
  );
}
