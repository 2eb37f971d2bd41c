import { Banner, BlockStack, Button, Modal, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';

/** A refund is a request to the billing team, made after cancelling; never automatic. */
export function RefundRequest(props: { subscriptionId: string }) {
  const api = useApi();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentId, setSentId] = useState<string | null>(null);

  const send = async () => {
    if (message.trim() === '') return setError(t('refund.messageRequired'));
    setBusy(true);
    try {
      const request = await api.requestRefund(props.subscriptionId, message.trim());
      setSentId(request.id);
      setOpen(false);
    } catch (cause) {
      setError(t('refund.error', { message: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };

  if (sentId) {
    return (
      <Banner tone="info">
        <p>{t('refund.sent', { id: sentId })}</p>
      </Banner>
    );
  }
  return (
    <BlockStack gap="200" inlineAlign="start">
      <Text as="p" tone="subdued">
        {t('refund.help')}
      </Text>
      <Button onClick={() => setOpen(true)}>{t('refund.action')}</Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={t('refund.title')}
        primaryAction={{ content: t('refund.submit'), loading: busy, onAction: send }}
        secondaryActions={[{ content: t('common.cancel'), onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <TextField
            label={t('refund.message')}
            value={message}
            onChange={(value) => {
              setMessage(value);
              setError(null);
            }}
            multiline={4}
            autoComplete="off"
            error={error ?? undefined}
          />
        </Modal.Section>
      </Modal>
    </BlockStack>
  );
}
