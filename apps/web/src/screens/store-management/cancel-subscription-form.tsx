import {
  BlockStack,
  Button,
  ChoiceList,
  FormLayout,
  InlineStack,
  Modal,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type {
  CancellationMode,
  CancelSubscriptionParams,
  CancelSubscriptionResult,
  StoreSummary,
  Subscription,
} from '../../api/types';
import { CANCELLATION_TEXT_MAX_LENGTH, CancellationReasons } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';
import type { CancellationFormErrors, CancellationFormValues } from './cancellation-form-state';
import { isCancellationReason, validateCancellation } from './cancellation-form-state';

export interface CancelSubscriptionFormProps {
  store: StoreSummary;
  subscription: Subscription;
  onCancelled: (result: CancelSubscriptionResult) => void;
}

/** When, why, then a confirmation dialog: nothing is sent before the owner confirms. */
export function CancelSubscriptionForm(props: CancelSubscriptionFormProps) {
  const api = useApi();
  const { t, formatDate } = useI18n();
  const { store, subscription } = props;
  const [values, setValues] = useState<CancellationFormValues>({
    mode: 'period_end',
    reason: '',
    reasonText: '',
  });
  const [errors, setErrors] = useState<CancellationFormErrors>({});
  const [confirming, setConfirming] = useState<CancelSubscriptionParams | null>(null);
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const idPrefix = `cancel-${subscription.id}`;
  const periodEnd = formatDate(subscription.currentPeriodEnd);

  const change = (patch: Partial<CancellationFormValues>) => {
    setValues((previous) => ({ ...previous, ...patch }));
    setErrors({});
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const result = validateCancellation(values);
    if (!result.ok) return setErrors(result.errors);
    setSendError(null);
    setConfirming(result.params);
  };
  const confirm = async () => {
    if (!confirming) return;
    setBusy(true);
    try {
      const result = await api.cancelSubscription(subscription.id, confirming);
      setConfirming(null);
      props.onCancelled(result);
    } catch (cause) {
      setSendError(t('cancel.error', { message: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };

  const reasonError = errors.reason ? t('cancel.reasonRequired') : undefined;
  const textError =
    errors.reasonText === 'required'
      ? t('cancel.reasonTextRequired')
      : errors.reasonText === 'tooLong'
        ? t('cancel.reasonTextTooLong', { max: CANCELLATION_TEXT_MAX_LENGTH })
        : undefined;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-heading`}>
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm" id={`${idPrefix}-heading`}>
          {t('cancel.heading')}
        </Text>
        <FormLayout>
          <ChoiceList
            title={t('cancel.when')}
            name={`${idPrefix}-mode`}
            choices={[
              { label: t('cancel.immediate'), value: 'immediate', helpText: t('cancel.immediateHelp') },
              {
                label: t('cancel.periodEnd'),
                value: 'period_end',
                helpText: t('cancel.periodEndHelp', { date: periodEnd }),
              },
            ]}
            selected={[values.mode]}
            onChange={([mode]) => change({ mode: (mode ?? 'period_end') as CancellationMode })}
          />
          <Select
            id={`${idPrefix}-reason`}
            label={t('cancel.reason')}
            placeholder={t('cancel.reasonPlaceholder')}
            options={CancellationReasons.map((reason) => ({
              value: reason,
              label: t(`cancel.reason.${reason}`),
            }))}
            value={values.reason}
            onChange={(reason) => change({ reason: isCancellationReason(reason) ? reason : '' })}
            error={reasonError}
            requiredIndicator
          />
          <TextField
            id={`${idPrefix}-text`}
            label={values.reason === 'other' ? t('cancel.reasonText') : t('cancel.reasonTextOptional')}
            value={values.reasonText}
            onChange={(reasonText) => change({ reasonText })}
            multiline={3}
            maxLength={CANCELLATION_TEXT_MAX_LENGTH}
            autoComplete="off"
            error={textError}
            requiredIndicator={values.reason === 'other'}
          />
        </FormLayout>
        <InlineStack>
          <Button submit tone="critical" variant="primary">
            {t('cancel.submit')}
          </Button>
        </InlineStack>
      </BlockStack>
      <Modal
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('cancel.confirm.title', { domain: store.domain })}
        primaryAction={{
          content: t('cancel.confirm.action'),
          destructive: true,
          loading: busy,
          onAction: confirm,
        }}
        secondaryActions={[{ content: t('cancel.confirm.keep'), onAction: () => setConfirming(null) }]}
      >
        {confirming && (
          <Modal.Section>
            <BlockStack gap="200">
              <Text as="p">
                {confirming.mode === 'immediate'
                  ? t('cancel.confirm.immediate')
                  : t('cancel.confirm.periodEnd', { date: periodEnd })}
              </Text>
              <Text as="p" tone="subdued">
                {t('cancel.confirm.reason', { reason: t(`cancel.reason.${confirming.reason}`) })}
              </Text>
              {sendError && (
                <Text as="p" tone="critical">
                  {sendError}
                </Text>
              )}
            </BlockStack>
          </Modal.Section>
        )}
      </Modal>
    </form>
  );
}
